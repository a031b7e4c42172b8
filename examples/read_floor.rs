//! The benchmark's floor: walk a register's tree and read every file with
//! the rayon pool (set `RAYON_NUM_THREADS=2`), doing nothing with the bytes.
//! `qingli` cannot be faster than this; the benchmark reports its ratio.

use rayon::prelude::*;

fn main() {
    let root = std::env::args().nth(1).expect("usage: read_floor DIR");
    let files: Vec<std::path::PathBuf> = walkdir::WalkDir::new(&root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect();
    let bytes: usize = files.par_iter().map(|p| std::fs::read(p).map_or(0, |b| b.len())).sum();
    println!("{} files, {bytes} bytes", files.len());
}
