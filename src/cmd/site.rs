//! `qingli site`: write the published website into `--out`.
//!
//! The folder is either new, empty, or a site qingli wrote before (it holds
//! the marker `.qingli-site`, which lists the files of that run). Pages are
//! rendered in parallel and each replaced atomically; files of the previous
//! run that this run does not produce are removed, and nothing else is.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Component, Path};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use crate::cli::SiteArgs;
use crate::ctx::Ctx;
use crate::judge::catalog::{Catalog, Output};
use crate::judge::deadline::{self, Params};
use crate::judge::{publish, rules};
use crate::load::calendar::Calendar;
use crate::render::catalog::Encoding;
use crate::render::site::{self as view, Page, Site};
use crate::write::atomic;

/// The marker file: its presence says the folder is qingli's site; its
/// lines are the files the last run wrote.
pub(crate) const MARKER: &str = ".qingli-site";
const MARKER_HEADER: &str = "# qingli site: files written by the last run of `qingli site` (do not edit)";

/// A listed file that is safe to remove: relative, plain components only.
fn safe_relative(line: &str) -> bool {
    let p = Path::new(line);
    !line.is_empty()
        && line != MARKER
        && p.components().all(|c| matches!(c, Component::Normal(_)))
        && !p.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

/// The files a marker lists that are safe to remove.
fn listed(marker: &str) -> impl Iterator<Item = &str> {
    marker.lines().filter(|l| !l.starts_with('#')).filter(|l| safe_relative(l))
}

/// Checks the output folder and returns the marker of the previous run,
/// which lists its files (`None`: the folder is new or empty). Kept as read:
/// a province site lists a million files.
fn prepare(dir: &Path) -> Result<Option<String>> {
    match dir.symlink_metadata() {
        Err(_) => {
            std::fs::create_dir_all(dir).with_context(|| format!("无法创建输出目录 `{}`", dir.display()))?;
            return Ok(None);
        }
        Ok(m) if !m.is_dir() => bail!("`{}` 不是目录", dir.display()),
        Ok(_) => {}
    }
    let marker = dir.join(MARKER);
    if let Ok(text) = std::fs::read_to_string(&marker) {
        return Ok(Some(text));
    }
    let mut entries = std::fs::read_dir(dir).with_context(|| format!("无法读取输出目录 `{}`", dir.display()))?;
    if entries.next().is_some() {
        bail!(
            "输出目录 `{}` 不是空目录,也不是 qingli 生成的网站(没有 {MARKER} 标记);为免删除或覆盖其他文件,请换一个新目录或空目录",
            dir.display()
        );
    }
    Ok(None)
}

/// A new site: every page is written straight into a hidden folder inside
/// `--out` (no temporary file per page: on a slow disk that halves the
/// cost of 100,000 pages), then its folders and files are moved into place,
/// each with one rename. Nothing is visible before it is complete.
fn write_fresh(dir: &Path, site: &Site<'_>, pages: &[Page], paths: &[Cow<'_, str>]) -> Result<()> {
    let staging = tempfile::Builder::new()
        .prefix(".qingli-staging-")
        .tempdir_in(dir)
        .with_context(|| format!("无法在 `{}` 中创建临时目录", dir.display()))?;
    folders(staging.path(), paths)?;
    each_page(pages, paths, |page, path| -> Result<()> {
        let bytes = site.render(page).with_context(|| format!("无法生成 `{path}`"))?;
        let target = staging.path().join(path);
        let mut f = std::fs::File::create_new(&target).with_context(|| format!("无法创建 `{}`", target.display()))?;
        f.write_all(&bytes).with_context(|| format!("无法写入 `{}`", target.display()))
    })?;
    let tops: BTreeSet<&str> = paths.iter().map(|p| p.split('/').next().unwrap_or(p)).collect();
    for top in tops {
        let to = dir.join(top);
        if to.symlink_metadata().is_ok() {
            bail!("`{}` 已存在,不会覆盖", to.display());
        }
        std::fs::rename(staging.path().join(top), &to).with_context(|| format!("无法写出 `{}`", to.display()))?;
    }
    Ok(())
}

/// `write` of each page and its path, in parallel.
fn each_page(pages: &[Page], paths: &[Cow<'_, str>], write: impl Fn(Page, &str) -> Result<()> + Sync) -> Result<()> {
    pages.par_iter().zip(paths).map(|(&page, path)| write(page, path)).collect()
}

/// An earlier site: each page replaced atomically, unless it is unchanged.
fn write_over(dir: &Path, site: &Site<'_>, pages: &[Page], paths: &[Cow<'_, str>]) -> Result<()> {
    folders(dir, paths)?;
    each_page(pages, paths, |page, path| -> Result<()> {
        let bytes = site.render(page).with_context(|| format!("无法生成 `{path}`"))?;
        let target = dir.join(path);
        let same = target.symlink_metadata().is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            && std::fs::read(&target).is_ok_and(|old| old == bytes);
        if same { Ok(()) } else { atomic::replace_generated(&target, &bytes) }
    })
}

/// The folders pages go into, created if missing; a link there would lead
/// the writes out of `--out`, so it is refused.
fn folders(dir: &Path, pages: &[Cow<'_, str>]) -> Result<()> {
    let mut subs: BTreeSet<&str> = BTreeSet::from(["docs", "assets"]);
    subs.extend(pages.iter().filter_map(|p| p.rsplit_once('/').map(|(d, _)| d)));
    for sub in subs {
        let p = dir.join(sub);
        match p.symlink_metadata() {
            Ok(m) if m.file_type().is_symlink() || !m.is_dir() => {
                bail!("`{}` 是链接或文件,不是目录;请删除后重新生成(网站只写在输出目录之内)", p.display())
            }
            Ok(_) => {}
            Err(_) => std::fs::create_dir(&p).with_context(|| format!("无法创建 `{}`", p.display()))?,
        }
    }
    Ok(())
}

pub(crate) fn run(args: &SiteArgs, ctx: &Ctx, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    if let Some(url) = &args.base_url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        bail!("--base-url `{url}` 应为以 https:// 或 http:// 开头的网址");
    }
    let reg = ctx.load()?;
    let (as_of, _) = ctx.as_of(&reg);
    if !super::may_publish(&reg, as_of, args.allow_errors, "网站", err)? {
        return Ok(1);
    }
    let dir = &args.out;
    let previous = prepare(dir)?;
    // Evaluations are made where they are read and dropped: a province
    // register's are never all held.
    let cat = Catalog::evaluate(&reg, as_of);
    let published = publish::publish(&reg, as_of);
    let calendar = Calendar::new(&reg.calendars);
    let statuses = rules::statuses(&reg, as_of);
    let params = Params { as_of, within: 30, calendar: &calendar, all: true, unit: None, kinds: &[] };
    let due = deadline::open_due_dates(&reg, &statuses, &params);
    let title = args.title.clone().or_else(|| reg.config.name.clone()).unwrap_or_else(|| "行政规范性文件库".to_owned());
    let mut site = Site::new(&reg, &published, &cat, as_of, title, args.base_url.clone(), due);
    // Borrowed, and sorted once: a province site has a million pages.
    let mut written: Vec<&str> = Vec::new();
    if args.with_catalog {
        let outputs = Output::selected(true, true);
        atomic::replace_set(super::catalog::stage(&reg, &cat, as_of, dir, &outputs, Encoding::Utf8Bom)?)?;
        written.extend(outputs.iter().map(|o| o.file()));
    }
    site.downloads = Output::selected(true, true)
        .iter()
        .map(|o| o.file().to_owned())
        .filter(|f| dir.join(f).symlink_metadata().is_ok_and(|m| m.is_file()))
        .collect();
    let pages = site.pages();
    let paths: Vec<Cow<'_, str>> = pages.iter().map(|&p| site.path(p)).collect();
    match &previous {
        None => write_fresh(dir, &site, &pages, &paths)?,
        Some(_) => write_over(dir, &site, &pages, &paths)?,
    }
    written.extend(paths.iter().map(|p| &**p));
    written.par_sort_unstable();
    written.dedup();
    // Files of the previous run that this run did not write.
    let mut removed = 0;
    for stale in previous.iter().flat_map(|m| listed(m)).filter(|p| written.binary_search(p).is_err()) {
        let p = dir.join(stale);
        if p.symlink_metadata().is_ok_and(|m| !m.is_dir()) {
            std::fs::remove_file(&p).with_context(|| format!("无法删除上次生成的 `{}`", p.display()))?;
            removed += 1;
        }
    }
    let mut manifest = String::from(MARKER_HEADER);
    manifest.push('\n');
    for f in &written {
        manifest.push_str(f);
        manifest.push('\n');
    }
    atomic::replace_generated(&dir.join(MARKER), manifest.as_bytes())?;
    view::written(out, dir, &site, written.len(), removed)?;
    drop(site);
    drop(cat);
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_are_removed() {
        for ok in ["index.html", "docs/a.html", "清理结果.html"] {
            assert!(safe_relative(ok), "{ok}");
        }
        for bad in ["", "/etc/passwd", "../x", "docs/../../x", ".qingli-site", ".git/config", "docs/.hidden", "./a"] {
            assert!(!safe_relative(bad), "{bad}");
        }
    }
}
