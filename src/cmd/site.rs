//! `qingli site`: write the published website into `--out`.
//!
//! The folder is either new, empty, or a site qingli wrote before (it holds
//! the marker `.qingli-site`, which lists the files of that run with their
//! hashes). Pages are rendered in parallel and each replaced atomically;
//! files of the previous run that this run does not produce are removed
//! (unless changed since), and nothing else is; an interrupted run is
//! recovered first (`write::outset`).

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

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
use crate::write::outset::OutDir;

/// The marker file: its presence says the folder is qingli's site; its
/// lines are the files the last run wrote, with their hashes (`outset`).
pub(crate) const MARKER: &str = ".qingli-site";

/// A new site: every page is written straight into a hidden folder inside
/// `--out` (no temporary file per page: on a slow disk that halves the
/// cost of 100,000 pages), then its folders and files are moved into place,
/// each with one rename. Nothing is visible before it is complete.
fn write_fresh(dir: &Path, site: &Site<'_>, pages: &[Page], paths: &[Cow<'_, str>]) -> Result<Vec<String>> {
    let staging = tempfile::Builder::new()
        .prefix(".qingli-staging-")
        .tempdir_in(dir)
        .with_context(|| format!("无法在 `{}` 中创建临时目录", dir.display()))?;
    folders(staging.path(), paths)?;
    let hashes = each_page(site, pages, paths, |page, path| -> Result<String> {
        let bytes = site.render(page).with_context(|| format!("无法生成 `{path}`"))?;
        let target = staging.path().join(path);
        let mut f = std::fs::File::create_new(&target).with_context(|| format!("无法创建 `{}`", target.display()))?;
        f.write_all(&bytes).with_context(|| format!("无法写入 `{}`", target.display()))?;
        Ok(atomic::sha256(&bytes))
    })?;
    let tops: BTreeSet<&str> = paths.iter().map(|p| p.split('/').next().unwrap_or(p)).collect();
    for top in tops {
        let to = dir.join(top);
        if to.symlink_metadata().is_ok() {
            bail!("`{}` 已存在,不会覆盖", to.display());
        }
        std::fs::rename(staging.path().join(top), &to).with_context(|| format!("无法写出 `{}`", to.display()))?;
    }
    Ok(hashes)
}

/// `write` of each page and its path, in parallel: each page's SHA-256.
/// The search indexes' shards (first in `pages`) are written first, then
/// their postings released: a province's titles' index is some 100 MB
/// that the other pages do not need.
fn each_page(
    site: &Site<'_>,
    pages: &[Page],
    paths: &[Cow<'_, str>],
    write: impl Fn(Page, &str) -> Result<String> + Sync,
) -> Result<Vec<String>> {
    let shards = pages.iter().take_while(|p| matches!(p, Page::MetaIndex(_) | Page::TextIndex(_))).count();
    let mut hashes: Vec<String> = pages[..shards]
        .par_iter()
        .zip(&paths[..shards])
        .map(|(&page, path)| write(page, path))
        .collect::<Result<_>>()?;
    site.search.release();
    let rest: Vec<String> = pages[shards..]
        .par_iter()
        .zip(&paths[shards..])
        .map(|(&page, path)| write(page, path))
        .collect::<Result<_>>()?;
    hashes.extend(rest);
    Ok(hashes)
}

/// An earlier site: each page replaced atomically, unless it is unchanged.
fn write_over(dir: &Path, site: &Site<'_>, pages: &[Page], paths: &[Cow<'_, str>]) -> Result<Vec<String>> {
    folders(dir, paths)?;
    each_page(site, pages, paths, |page, path| -> Result<String> {
        let bytes = site.render(page).with_context(|| format!("无法生成 `{path}`"))?;
        let target = dir.join(path);
        let same = target.symlink_metadata().is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            && std::fs::read(&target).is_ok_and(|old| old == bytes);
        if !same {
            atomic::replace_generated(&target, &bytes)?;
        }
        Ok(atomic::sha256(&bytes))
    })
}

/// The folders pages go into, created if missing; a link there would lead
/// the writes out of `--out`, so it is refused.
fn folders(dir: &Path, pages: &[Cow<'_, str>]) -> Result<()> {
    let mut subs: BTreeSet<&str> = BTreeSet::from(["docs", "assets"]);
    // Each folder with those it is in (`assets/search/docs/2005` needs
    // `assets/search/docs`); sorted, a folder comes before what is in it.
    for page in pages {
        subs.extend(page.match_indices('/').map(|(at, _)| &page[..at]));
    }
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

/// The register's name as a site's title: without "登记簿" (a register is
/// the office's bookkeeping; the site is the 文件库 the public reads).
fn public_name(name: Option<&str>) -> Option<String> {
    let shown = name?.trim().replacen("登记簿", "库", 1);
    (!shown.is_empty() && shown != "库").then_some(shown)
}

/// Why the site is a draft, if it is: decisions still to be made or to be
/// explained, or records left out (`--allow-errors`).
fn draft(cat: &Catalog<'_>, left_out: bool, allow_errors: bool) -> Option<String> {
    let mut why = Vec::new();
    let pending = cat.pending().len();
    if pending > 0 {
        why.push(format!("本次清理还有 {pending} 件文件尚未作出清理意见"));
    }
    let unexplained = cat.unexplained().len();
    if unexplained > 0 {
        why.push(format!("{unexplained} 件文件的理由待填"));
    }
    if left_out {
        why.push("有记录因错误未列入".to_owned());
    } else if allow_errors {
        why.push("以 --allow-errors 生成".to_owned());
    }
    (!why.is_empty()).then(|| format!("{}。", why.join(";")))
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
    // The folder is new, empty, or a site qingli wrote (its marker); a site
    // an earlier run left half-written is recovered first (`outset`).
    let outdir = OutDir::open(dir, MARKER)?;
    if !outdir.had_marker && !outdir.is_empty()? {
        bail!(
            "输出目录 `{}` 不是空目录,也不是 qingli 生成的网站(没有 {MARKER} 标记);为免删除或覆盖其他文件,请换一个新目录或空目录",
            dir.display()
        );
    }
    // Evaluations are made where they are read and dropped: a province
    // register's are never all held.
    let cat = Catalog::evaluate(&reg, as_of);
    let published = publish::publish(&reg, as_of);
    let calendar = Calendar::new(&reg.calendars);
    let statuses = rules::statuses(&reg, as_of);
    let params = Params { as_of, within: 30, calendar: &calendar, all: true, unit: None, kinds: &[] };
    let due = deadline::open_due_dates(&reg, &statuses, &params);
    let title = args
        .title
        .clone()
        .or_else(|| public_name(reg.config.name.as_deref()))
        .unwrap_or_else(|| "行政规范性文件库".to_owned());
    // Texts are read where a page or the index needs them, one at a time:
    // a province's are gigabytes. Only those that may be published are
    // ever handed to the pages (`text_is_public`).
    let with_text: Vec<bool> = {
        let listed = crate::load::texts::list(&reg.root)?;
        let mut has = vec![false; reg.documents.len()];
        for i in crate::load::texts::with_text(&reg, &listed) {
            has[i] = true;
        }
        has
    };
    let texts = |i: usize| {
        let doc = &reg.documents[i];
        if with_text[i] && publish::text_is_public(doc) {
            crate::load::texts::of_record(&reg.root, &doc.path)
        } else {
            crate::load::texts::TextOf::None
        }
    };
    let mut site = Site::new(&reg, &published, &cat, as_of, title, args.base_url.clone(), due, &texts);
    site.search = view::Index::build(&site);
    site.draft = draft(&cat, args.allow_errors && !reg.excluded.is_empty(), args.allow_errors);
    // Borrowed, and sorted once: a province site has a million pages.
    let mut written: Vec<(&str, String)> = Vec::new();
    // The catalogue files (CSV, XLSX) with --with-catalog; the Word notice
    // and the Markdown, internal drafts, only with --with-notice.
    let outputs: Vec<Output> = Output::selected(true, true)
        .into_iter()
        .filter(|o| match o {
            Output::Annex(_) | Output::InForce | Output::Workbook => args.with_catalog,
            Output::Summary | Output::Notice => args.with_notice,
        })
        .collect();
    if !outputs.is_empty() {
        let staged = super::catalog::stage(&reg, &cat, as_of, dir, &outputs, Encoding::Utf8Bom)?;
        written.extend(outputs.iter().zip(&staged).map(|(o, s)| (o.file(), s.sha256().to_owned())));
        outdir.replace_set(staged)?;
    }
    site.downloads = outputs.iter().map(|o| o.file().to_owned()).collect();
    let pages = site.pages();
    let paths: Vec<Cow<'_, str>> = pages.iter().map(|&p| site.path(p)).collect();
    // Marked as in progress first: a run killed while writing pages is
    // recovered by the next.
    outdir.begin(&paths.iter().map(|p| &**p).collect::<Vec<_>>())?;
    let hashes = if outdir.had_marker {
        write_over(dir, &site, &pages, &paths)?
    } else {
        write_fresh(dir, &site, &pages, &paths)?
    };
    written.extend(paths.iter().map(|p| &**p).zip(hashes));
    written.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    written.dedup_by(|a, b| a.0 == b.0);
    let finished = outdir.finish(&written)?;
    view::written(out, dir, &site, written.len())?;
    view::unreadable(err, &site)?;
    crate::render::outset::report(out, &outdir.recovered, &finished)?;
    drop(site);
    drop(cat);
    Ok(0)
}
