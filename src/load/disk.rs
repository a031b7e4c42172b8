//! Reading a register's files from disk.
//!
//! Owns how a record's bytes are read: where it is parsed, opened by name
//! within a handle on its folder (so the kernel resolves one name per
//! record, not the register's whole path again); a record the page cache
//! does not hold is asked for from the disk and parsed with the next batch
//! (Linux); and, once the reads show the page cache does not hold the
//! register, records are fetched ahead on an I/O pool while the batch
//! before is parsed ([`crate::load::register::Source`]).

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use crate::load::register::{FileKind, Source};

/// How many threads read files ahead. Reading a record that is not in the
/// page cache is waiting on the disk, not computing: with many reads in
/// flight a cold province register reads about twice as fast as with one per
/// core (measured: 100,000 records, caches dropped, 5.0 s with 2 readers,
/// 2.5 s with 16). Parsing stays on the main pool, one thread per core.
const IO_THREADS: usize = 16;

/// The buffer each record is read into: records are rarely longer.
const READ_CAPACITY: usize = 4096;

/// A sixteenth of this process's limit of open files: what each user of
/// many descriptors at once (the read-ahead threads, one batch's folder
/// handles) may take, so a low `ulimit -n` leaves descriptors for the rest.
#[cfg(unix)]
fn open_file_share() -> usize {
    static SHARE: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *SHARE.get_or_init(|| {
        let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile).current.unwrap_or(u64::MAX);
        usize::try_from(limit / 16).unwrap_or(usize::MAX)
    })
}

/// How many threads read ahead: [`IO_THREADS`], and at most
/// [`open_file_share`] (each holds one file open while it reads), at least one.
fn io_threads() -> usize {
    #[cfg(unix)]
    return open_file_share().clamp(1, IO_THREADS);
    #[cfg(not(unix))]
    IO_THREADS
}

/// Runs `f` on the I/O pool (or here, when no pool can be made).
fn on_io_pool<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    let pool = POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(io_threads().max(rayon::current_num_threads()))
            .thread_name(|i| format!("qingli-io-{i}"))
            .build()
            .ok()
    });
    match pool {
        Some(p) => p.install(f),
        None => f(),
    }
}

/// The register's files on disk. Records are read where they are parsed,
/// until the reads show the disk is the bottleneck (the page cache does not
/// hold the register): from then on each batch is fetched ahead, on the
/// I/O pool, while the one before it is parsed.
pub(crate) struct Disk<'a> {
    root: &'a Path,
    /// Handles on the folders of the batches being read.
    folders: Folders,
    /// Bytes fetched and not yet read, by path. Hashed with foldhash:
    /// hashing the paths with `SipHash` was about 1% of `review`'s CPU over
    /// 100,000 records read ahead (perf).
    fetched: Mutex<HashMap<String, std::io::Result<Vec<u8>>, foldhash::fast::RandomState>>,
    /// Reads made where they are parsed, and how many of them waited on
    /// the disk (took longer than [`SLOW_READ_NANOS`], or were asked for).
    reads: AtomicU64,
    waited: AtomicU64,
    /// Whether batches are fetched ahead (once set, it stays).
    ahead: AtomicBool,
    /// Whether reading ahead starts by itself once reads wait on the disk
    /// (not with `QINGLI_READ_AHEAD=never`).
    auto: bool,
}

impl<'a> Disk<'a> {
    /// The register at `root`. `QINGLI_READ_AHEAD=always` reads ahead from
    /// the first batch and `never` never does (a network drive, tests);
    /// otherwise reading ahead starts once one read in 128 waited on the disk.
    pub(crate) fn new(root: &'a Path) -> Disk<'a> {
        let (ahead, auto) = match std::env::var("QINGLI_READ_AHEAD").as_deref() {
            Ok("always") => (true, true),
            Ok("never") => (false, false),
            _ => (false, true),
        };
        Disk {
            root,
            folders: Folders::default(),
            fetched: Mutex::new(HashMap::default()),
            reads: AtomicU64::new(0),
            waited: AtomicU64::new(0),
            ahead: AtomicBool::new(ahead),
            auto,
        }
    }
}

impl Disk<'_> {
    /// Appends the bytes of `rel` to `buffer`. Without asking the file's
    /// size first: `std::fs::read` does (a `statx` a record, 0.1 s of
    /// system time at 100,000 records), and a record fits the buffer anyway.
    fn read_into(&self, rel: &str, buffer: &mut Vec<u8>) -> std::io::Result<()> {
        let file = self.folders.open(self.root, rel)?;
        (&file).take(u64::MAX).read_to_end(buffer).map(|_| ())
    }

    /// Reads ahead from now on if `waited` of `reads` show the page cache is
    /// missing part of the register, and reading ahead may start by itself.
    fn start_reading_ahead_if(&self, reads: u64, waited: u64) {
        if self.auto && cache_misses_matter(reads, waited) {
            self.ahead.store(true, Ordering::Relaxed);
        }
    }
}

/// `bytes`, the start of `file` already read, and the rest of it, read up
/// to the end of the file (an empty read).
#[cfg(target_os = "linux")]
fn read_rest(file: &std::fs::File, mut bytes: Vec<u8>) -> std::io::Result<Vec<u8>> {
    loop {
        if bytes.len() == bytes.capacity() {
            bytes.reserve(READ_CAPACITY);
        }
        let at = bytes.len() as u64;
        match rustix::io::pread(file, rustix::buffer::spare_capacity(&mut bytes), at) {
            Ok(0) => return Ok(bytes),
            Ok(_) | Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
}

/// The bytes of the file at `path`, which must be a regular file: a pipe
/// (or socket, or device) named like a register file is refused, where
/// reading it would wait for a writer forever. For files named on the
/// command line or found by name (`qingli.toml`, `fmt FILE`, `decide`).
pub(crate) fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = open_without_waiting(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        let what = if meta.is_dir() { "是文件夹" } else { "是管道、套接字或设备" };
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("不是普通文件({what})")));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    (&file).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Flags that open a file for reading without waiting: a pipe opens at
/// once (and reads as empty) instead of waiting for a writer.
#[cfg(unix)]
const READ_FLAGS: rustix::fs::OFlags =
    rustix::fs::OFlags::RDONLY.union(rustix::fs::OFlags::CLOEXEC).union(rustix::fs::OFlags::NONBLOCK);

/// Opens `path` for reading with [`READ_FLAGS`] (elsewhere than on Unix,
/// as the standard library does).
pub(crate) fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    #[cfg(unix)]
    return Ok(rustix::fs::open(path, READ_FLAGS, rustix::fs::Mode::empty())?.into());
    #[cfg(not(unix))]
    std::fs::File::open(path)
}

/// A read from the page cache takes a few microseconds (at 100,000 and at
/// 1,000,000 records, 99.8% under 16 µs); one that waits on the disk, 32 to
/// 256 µs. A read that takes longer than this waited on the disk.
const SLOW_READ_NANOS: u64 = 30_000;

/// Whether `waited` reads of `reads` made in place show the page cache is
/// missing part of the register: one read in 128 waited on the disk.
///
/// Reading ahead costs about 5% when every record is cached (the I/O
/// threads' waking and waiting); a read that waits where it is parsed stalls
/// one of the cores parsing for 30-250 µs. Where 1.2% of a million records
/// were not cached, reading in place lost about a second. The mean read
/// time (the rule before) rose past a miss's cost only when about a fifth
/// of the register was not cached; a province register loses a few percent
/// of its pages between two runs on a host that reclaims memory it finds
/// idle.
fn cache_misses_matter(reads: u64, waited: u64) -> bool {
    reads >= 256 && waited.saturating_mul(128) >= reads
}

impl Source for Disk<'_> {
    fn read(&self, rel: &str) -> std::io::Result<Vec<u8>> {
        // Nothing is fetched before reading ahead starts (and then it stays on).
        if self.ahead.load(Ordering::Relaxed)
            && let Some(got) = self.fetched.lock().unwrap_or_else(PoisonError::into_inner).remove(rel)
        {
            return got;
        }
        let start = std::time::Instant::now();
        let mut bytes = Vec::with_capacity(READ_CAPACITY);
        let bytes = self.read_into(rel, &mut bytes).map(|()| bytes);
        let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
        let reads = self.reads.fetch_add(1, Ordering::Relaxed) + 1;
        let waited = if nanos > SLOW_READ_NANOS {
            self.waited.fetch_add(1, Ordering::Relaxed) + 1
        } else {
            self.waited.load(Ordering::Relaxed)
        };
        self.start_reading_ahead_if(reads, waited);
        bytes
    }

    /// Reads `rel` only if the page cache holds it (`RWF_NOWAIT`); when it
    /// does not, asks the disk for it (`POSIX_FADV_WILLNEED`, which does
    /// not wait) and counts a read that would have waited. One record in
    /// 200 not cached (a host that reclaims idle page cache leaves a
    /// province register so) stalled a parsing core 30-250 µs each; asked
    /// for a batch ahead, they are mostly in memory when read.
    #[cfg(target_os = "linux")]
    fn read_now(&self, rel: &str) -> Option<std::io::Result<Vec<u8>>> {
        use rustix::io::{Errno, ReadWriteFlags};
        if self.ahead.load(Ordering::Relaxed) {
            return Some(self.read(rel));
        }
        let file = match self.folders.open(self.root, rel) {
            Ok(file) => file,
            Err(e) => return Some(Err(e)),
        };
        let mut bytes = vec![0; READ_CAPACITY];
        let first = rustix::io::preadv2(&file, &mut [std::io::IoSliceMut::new(&mut bytes)], 0, ReadWriteFlags::NOWAIT);
        match first {
            Ok(n) => {
                self.reads.fetch_add(1, Ordering::Relaxed);
                bytes.truncate(n);
                Some(read_rest(&file, bytes))
            }
            Err(Errno::AGAIN) => {
                // Advice only: a failure leaves the later read to wait.
                let _ = rustix::fs::fadvise(&file, 0, None, rustix::fs::Advice::WillNeed);
                let reads = self.reads.fetch_add(1, Ordering::Relaxed) + 1;
                let waited = self.waited.fetch_add(1, Ordering::Relaxed) + 1;
                self.start_reading_ahead_if(reads, waited);
                None
            }
            // Not a file that reads so (a pipe, a file system without
            // RWF_NOWAIT): read it as any other.
            Err(_) => Some(self.read(rel)),
        }
    }

    fn batch(&self) -> usize {
        2048
    }

    fn fetch(&self, files: &[(String, FileKind)]) {
        self.folders.enter(self.root, files);
        if !self.ahead.load(Ordering::Relaxed) {
            return;
        }
        // Buffers are made here, so the I/O threads read without
        // allocating: each would otherwise keep a heap of its own (about
        // 7 MB a thread with mimalloc).
        let mut buffers: Vec<Vec<u8>> = files.iter().map(|_| Vec::with_capacity(READ_CAPACITY)).collect();
        let mut results: Vec<std::io::Result<()>> = Vec::with_capacity(files.len());
        on_io_pool(|| {
            files
                .par_iter()
                .zip(buffers.par_iter_mut())
                .map(|((rel, _), buffer)| self.read_into(rel, buffer))
                .collect_into_vec(&mut results);
        });
        let mut fetched = self.fetched.lock().unwrap_or_else(PoisonError::into_inner);
        for (((rel, _), buffer), result) in files.iter().zip(buffers).zip(results) {
            fetched.insert(rel.clone(), result.map(|()| buffer));
        }
    }
}

/// Handles on the folders of the batches being read: the batch being parsed
/// and the one fetched for next. A record is opened by its name within its
/// folder (`openat`): opening it by its full path made the kernel walk
/// every folder of the path again, about a fifth of the time spent opening
/// files (100,000 records in 600 folders, measured with perf). Elsewhere
/// than on Unix, and for folders without a handle, records are opened by path.
#[derive(Default)]
struct Folders {
    #[cfg(unix)]
    open: std::sync::RwLock<Open>,
}

/// Folder handles, sorted by the folder's path, each with the number of
/// the last batch it serves.
#[cfg(unix)]
#[derive(Default)]
struct Open {
    batch: u64,
    folders: Vec<(Box<str>, std::os::fd::OwnedFd, u64)>,
}

#[cfg(unix)]
impl Open {
    /// The handle on `folder`, if one is open.
    fn handle(&self, folder: &str) -> Option<&std::os::fd::OwnedFd> {
        let i = self.folders.binary_search_by(|(f, _, _)| (**f).cmp(folder)).ok()?;
        Some(&self.folders[i].1)
    }
}

/// A batch spread over more folders than this opens no more handles for
/// it: two batches' handles are held at once, at most 64.
#[cfg(unix)]
const FOLDERS_PER_BATCH: usize = 32;

/// How many folder handles one batch may open: [`FOLDERS_PER_BATCH`], and
/// at most [`open_file_share`], so that the handles of two batches never
/// take more than an eighth of the limit (a low `ulimit -n` would otherwise
/// leave no descriptor to open records with).
#[cfg(unix)]
fn folders_per_batch() -> usize {
    open_file_share().min(FOLDERS_PER_BATCH)
}

/// A folder holding fewer of a batch's records than this gets no handle: it
/// would save less than it costs.
#[cfg(unix)]
const RECORDS_PER_FOLDER: usize = 4;

impl Folders {
    /// Opens `rel`, under `root`, for reading. Without waiting: a record
    /// the walk found to be a file and that became a pipe since reads as
    /// empty, where opening it would wait for a writer forever.
    #[cfg_attr(not(unix), allow(clippy::unused_self))]
    fn open(&self, root: &Path, rel: &str) -> std::io::Result<std::fs::File> {
        #[cfg(unix)]
        if let Some((folder, name)) = rel.rsplit_once('/') {
            let open = self.open.read().unwrap_or_else(PoisonError::into_inner);
            if let Some(handle) = open.handle(folder) {
                return Ok(rustix::fs::openat(handle, name, READ_FLAGS, rustix::fs::Mode::empty())?.into());
            }
        }
        open_without_waiting(&root.join(rel))
    }

    /// Opens handles on the folders of `files`, the next batch, and closes
    /// those of the batches before the current one.
    #[cfg_attr(not(unix), allow(clippy::unused_self, unused_variables))]
    fn enter(&self, root: &Path, files: &[(String, FileKind)]) {
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags};
            let mut wanted: Vec<&str> = files.iter().filter_map(|(rel, _)| Some(rel.rsplit_once('/')?.0)).collect();
            wanted.sort_unstable();
            let mut folders: Vec<&str> = wanted
                .chunk_by(|a, b| a == b)
                .filter(|same| same.len() >= RECORDS_PER_FOLDER)
                .map(|same| same[0])
                .collect();
            folders.truncate(folders_per_batch());
            let held: Vec<bool> = {
                let open = self.open.read().unwrap_or_else(PoisonError::into_inner);
                folders.iter().map(|f| open.handle(f).is_some()).collect()
            };
            // Opened outside the lock: reads go on meanwhile. A folder that
            // cannot be opened gets no handle; its records, opened by path,
            // then report why.
            let new: Vec<_> = folders
                .iter()
                .zip(&held)
                .filter(|(_, held)| !**held)
                .filter_map(|(f, _)| {
                    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
                    Some((Box::<str>::from(*f), rustix::fs::open(root.join(f), flags, Mode::empty()).ok()?))
                })
                .collect();
            let mut open = self.open.write().unwrap_or_else(PoisonError::into_inner);
            open.batch += 1;
            let batch = open.batch;
            for (f, handle) in new {
                open.folders.push((f, handle, batch));
            }
            open.folders.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            for (f, _, last) in &mut open.folders {
                if folders.binary_search(&&**f).is_ok() {
                    *last = batch;
                }
            }
            open.folders.retain(|(_, _, last)| *last + 1 >= batch);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;
    use crate::load::register::Register;

    /// Reading ahead on the I/O pool (a cold page cache) gives exactly the
    /// register reading in place gives: records longer than the read
    /// buffer, records that cannot be read, batches of every size.
    #[test]
    fn reading_ahead_reads_what_reading_in_place_reads() {
        let root = std::env::temp_dir().join(format!("qingli-ahead-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("documents/dir.toml")).unwrap();
        let mut files = vec![("documents/dir.toml".to_owned(), FileKind::Document)];
        for i in 0..5000 {
            let rel = format!("documents/d{i:04}.toml");
            let title = "长".repeat(if i % 7 == 0 { 2000 } else { 5 });
            let text = format!("title = \"关于{title}的通知{i}\"\nissuer = \"县政府\"\nissued = 2005-01-01\n");
            std::fs::write(root.join(&rel), text).unwrap();
            files.push((rel, FileKind::Document));
        }
        let load = |ahead: bool| {
            let mut disk = Disk::new(&root);
            disk.ahead.store(ahead, Ordering::Relaxed);
            disk.auto = false;
            let reg = Register::from_sources(&root, b"".to_vec(), files.clone(), Vec::new(), &disk);
            (reg, disk.reads.load(Ordering::Relaxed))
        };
        let ((inline, in_place), (fetched, not_fetched)) = (load(false), load(true));
        // Every record came through the one path or the other.
        assert_eq!((in_place, not_fetched), (5001, 0));
        let _ = std::fs::remove_dir_all(&root);
        assert_eq!(fetched.documents.len(), 5000);
        assert!(fetched.documents.iter().any(|d| d.title.len() > READ_CAPACITY));
        assert_eq!(fetched.documents, inline.documents);
        assert_eq!(fetched.diagnostics, inline.diagnostics);
        assert_eq!(fetched.excluded, inline.excluded);
        assert_eq!(fetched.excluded[0].id, "dir");
        assert_eq!(fetched.diagnostics[0].code, Code::Io);
    }

    /// Reading ahead starts once one read in 128 waited on the disk, not
    /// for the rare slow read of a cached register (a core taken away
    /// meanwhile), nor before 256 reads were made.
    #[test]
    fn reading_ahead_starts_when_one_read_in_128_waited() {
        assert!(!cache_misses_matter(0, 0));
        assert!(!cache_misses_matter(255, 255));
        assert!(cache_misses_matter(256, 2));
        assert!(!cache_misses_matter(257, 2));
        // A cached register of 100,000 records: about 0.2% of reads slow.
        assert!(!cache_misses_matter(100_000, 200));
        // 1.2% of a million records not cached.
        assert!(cache_misses_matter(1_000_000, 12_000));
        assert!(!cache_misses_matter(u64::MAX, u64::MAX / 129));
        assert!(cache_misses_matter(u64::MAX, u64::MAX));
    }

    /// A record the page cache holds is read at once, whole (also one
    /// longer than the read buffer); one it does not is asked for and read
    /// later. The second half needs a file system that drops a file's
    /// pages when told to (not tmpfs): there it is skipped.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_record_not_in_the_page_cache_is_asked_for_and_read_later() {
        use std::io::Write;
        let root = std::env::temp_dir().join(format!("qingli-nowait-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("documents")).unwrap();
        let short = "title = \"关于水的通知\"\n".repeat(3).into_bytes();
        let long = "title = \"关于水的通知\"\n".repeat(900).into_bytes();
        assert!(long.len() > 2 * READ_CAPACITY);
        for (name, text) in [("short", &short), ("long", &long), ("cold", &short)] {
            let mut f = std::fs::File::create(root.join(format!("documents/{name}.toml"))).unwrap();
            f.write_all(text).unwrap();
            f.sync_all().unwrap();
        }
        let disk = Disk::new(&root);
        assert_eq!(disk.read_now("documents/short.toml").unwrap().unwrap(), short);
        assert_eq!(disk.read_now("documents/long.toml").unwrap().unwrap(), long);
        assert_eq!(disk.read_now("documents/none.toml").unwrap().unwrap_err().kind(), std::io::ErrorKind::NotFound);
        // Dropped from the page cache (written and synced, so clean).
        let cold = std::fs::File::open(root.join("documents/cold.toml")).unwrap();
        rustix::fs::fadvise(&cold, 0, None, rustix::fs::Advice::DontNeed).unwrap();
        let mut probe = [0u8; 1];
        let dropped = matches!(
            rustix::io::preadv2(
                &cold,
                &mut [std::io::IoSliceMut::new(&mut probe)],
                0,
                rustix::io::ReadWriteFlags::NOWAIT
            ),
            Err(rustix::io::Errno::AGAIN)
        );
        if dropped {
            let waited = disk.waited.load(Ordering::Relaxed);
            assert!(disk.read_now("documents/cold.toml").is_none());
            assert_eq!(disk.waited.load(Ordering::Relaxed), waited + 1);
            assert_eq!(disk.read("documents/cold.toml").unwrap(), short);
            // Enough records asked for to read ahead from now on, unless
            // reading ahead is off (`QINGLI_READ_AHEAD=never`).
            for auto in [false, true] {
                let mut disk = Disk::new(&root);
                disk.auto = auto;
                disk.reads.store(300, Ordering::Relaxed);
                disk.waited.store(2, Ordering::Relaxed);
                rustix::fs::fadvise(&cold, 0, None, rustix::fs::Advice::DontNeed).unwrap();
                assert!(disk.read_now("documents/cold.toml").is_none());
                assert_eq!(disk.ahead.load(Ordering::Relaxed), auto);
            }
        }
        let _ = std::fs::remove_dir_all(&root);
    }

    /// Records opened within folder handles read as records opened by
    /// path; only the folders of the current and next batch stay open; a
    /// folder with too few records, or that cannot be opened, is read by path.
    #[cfg(unix)]
    #[test]
    fn folder_handles_follow_the_batches() {
        let root = std::env::temp_dir().join(format!("qingli-folders-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let mut files = Vec::new();
        for folder in 0..6 {
            for i in 0..5 {
                let rel = format!("documents/f{folder}/d{i}.toml");
                std::fs::create_dir_all(root.join(&rel).parent().unwrap()).unwrap();
                std::fs::write(root.join(&rel), format!("{folder}-{i}")).unwrap();
                files.push((rel, FileKind::Document));
            }
        }
        std::fs::write(root.join("documents/lone.toml"), "lone").unwrap();
        let disk = Disk::new(&root);
        let held = || -> Vec<String> {
            disk.folders.open.read().unwrap().folders.iter().map(|(f, _, _)| f.to_string()).collect()
        };
        // Batches of two folders each; then a batch whose folder is gone.
        for (k, batch) in files.chunks(10).enumerate() {
            disk.folders.enter(&root, batch);
            let want: Vec<String> = (k.saturating_sub(1) * 2..k * 2 + 2).map(|f| format!("documents/f{f}")).collect();
            assert_eq!(held(), want, "batch {k}");
            for (rel, _) in batch {
                let (folder, i) = (&rel[11..12], &rel[14..15]);
                assert_eq!(disk.read(rel).unwrap(), format!("{folder}-{i}").into_bytes());
            }
        }
        // One record in the top folder: too few for a handle; still read.
        disk.folders.enter(&root, &[("documents/lone.toml".to_owned(), FileKind::Document)]);
        assert_eq!(held(), ["documents/f4", "documents/f5"]);
        assert_eq!(disk.read("documents/lone.toml").unwrap(), b"lone");
        // A folder removed before its batch: no handle, and the read says why.
        std::fs::remove_dir_all(root.join("documents/f0")).unwrap();
        disk.folders.enter(&root, &files[..5]);
        assert_eq!(held(), Vec::<String>::new());
        assert_eq!(disk.read(&files[0].0).unwrap_err().kind(), std::io::ErrorKind::NotFound);
        let _ = std::fs::remove_dir_all(&root);
    }
}
