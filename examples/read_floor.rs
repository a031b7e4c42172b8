//! The benchmark's floor: walk a register's tree and read every file with
//! the rayon pool (set `RAYON_NUM_THREADS=2`), doing nothing with the bytes.
//! Files are read the cheapest way qingli knows: opened by name within a
//! handle on their folder (Unix), without asking their size first, so the
//! floor is what reading alone costs. `qingli` cannot be faster than this;
//! the benchmark reports its ratio.

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

fn main() {
    let root = std::env::args().nth(1).expect("usage: read_floor DIR");
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect();
    // The files of each folder, in walk order.
    let folders: Vec<&[PathBuf]> = files.chunk_by(|a, b| a.parent() == b.parent()).collect();
    let bytes: usize = folders.par_iter().map(|same| read_folder(same)).sum();
    println!("{} files, {bytes} bytes", files.len());
}

/// The bytes in files that share one folder.
fn read_folder(files: &[PathBuf]) -> usize {
    let folder = files[0].parent().unwrap_or(Path::new("."));
    #[cfg(unix)]
    if let Ok(handle) =
        rustix::fs::open(folder, rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::DIRECTORY, rustix::fs::Mode::empty())
    {
        return files
            .par_iter()
            .map(|f| {
                let name = f.file_name().unwrap_or_default();
                rustix::fs::openat(&handle, name, rustix::fs::OFlags::RDONLY, rustix::fs::Mode::empty())
                    .map_or(0, |fd| read_all(std::fs::File::from(fd)))
            })
            .sum();
    }
    let _ = folder;
    files.par_iter().map(|f| std::fs::File::open(f).map_or(0, read_all)).sum()
}

fn read_all(file: std::fs::File) -> usize {
    let mut buffer = Vec::with_capacity(4096);
    file.take(u64::MAX).read_to_end(&mut buffer).unwrap_or(0)
}
