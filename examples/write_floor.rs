//! The benchmark's write floor: create the files a `qingli site` run
//! creates, with the same relative paths and sizes, and nothing else to
//! do (no register, no rendering). Pages are written as `site` writes a
//! new site: the folders first, then every file created new and written
//! in one call, in consecutive groups on the rayon pool (set
//! `RAYON_NUM_THREADS=2`). What it measures is what the operating system
//! charges for a site's files; `site` cannot be faster than this, and the
//! benchmark reports both and how each grows.
//!
//! Usage: `write_floor MANIFEST OUT`, where each line of MANIFEST is
//! `SIZE<TAB>RELATIVE/PATH` (the benchmark lists a site written before).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use rayon::prelude::*;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(manifest), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: write_floor MANIFEST OUT");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&manifest).unwrap_or_else(|e| panic!("{manifest}: {e}"));
    let files: Vec<(usize, &str)> = text
        .lines()
        .map(|l| l.split_once('\t').unwrap_or_else(|| panic!("{manifest}: no tab in `{l}`")))
        .map(|(size, path)| (size.parse().unwrap_or_else(|_| panic!("{manifest}: bad size `{size}`")), path))
        .collect();
    let out = Path::new(&out);
    let folders: BTreeSet<&str> = files.iter().filter_map(|(_, p)| p.rsplit_once('/').map(|(d, _)| d)).collect();
    std::fs::create_dir_all(out).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    for folder in folders {
        std::fs::create_dir_all(out.join(folder)).unwrap_or_else(|e| panic!("{folder}: {e}"));
    }
    let largest = files.iter().map(|&(size, _)| size).max().unwrap_or(0);
    let bytes: Vec<u8> = (0..largest).map(|i| b"<p>qingli</p>\n"[i % 14]).collect();
    // Groups of 8 consecutive files, as `site` writes its pages.
    files.par_chunks(8).for_each(|group| {
        for &(size, path) in group {
            let target = out.join(path);
            let mut f = std::fs::File::create_new(&target).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
            f.write_all(&bytes[..size]).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
        }
    });
    println!("{} files", files.len());
}
