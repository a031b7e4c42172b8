//! The benchmark's floor: walk a register's tree and read every file with
//! the rayon pool (set `RAYON_NUM_THREADS=2`), doing nothing with the bytes.
//! Files are read as qingli reads them (`load::files::Disk`): each opened by
//! its path and read to the end without asking its size first (`take`), so the floor
//! is what reading alone costs. `qingli` cannot be faster than this; the
//! benchmark reports its ratio.

use std::io::Read;
use std::path::PathBuf;

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
    let bytes: usize = files.par_iter().map(|f| std::fs::File::open(f).map_or(0, read_all)).sum();
    println!("{} files, {bytes} bytes", files.len());
}

fn read_all(file: std::fs::File) -> usize {
    let mut buffer = Vec::with_capacity(4096);
    file.take(u64::MAX).read_to_end(&mut buffer).unwrap_or(0)
}
