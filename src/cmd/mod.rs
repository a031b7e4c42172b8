//! One module per subcommand. Commands orchestrate: they load the register,
//! call the engine and hand results to `render`. They parse no TOML and
//! format no reports themselves. Each returns the exit code (0 or 1); an
//! `Err` means the command could not run (exit 2).
//!
//! `check`, `review`, `deadlines`, `catalog`, `diff`, `fmt`, `init`, `new`,
//! `import`, `decide`, `laws`, `site`, `text`, `scan`; `interactive` is `review --interactive`;
//! `shell` has `completions` and `man`. Shared here: the publish gate's
//! refusal (`may_publish`) and the report filters' check (`check_filters`).

pub(crate) mod catalog;
pub(crate) mod check;
pub(crate) mod deadlines;
pub(crate) mod decide;
pub(crate) mod diff;
pub(crate) mod fmt;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod interactive;
pub(crate) mod laws;
pub(crate) mod new;
pub(crate) mod review;
pub(crate) mod scan;
pub(crate) mod shell;
pub(crate) mod site;
pub(crate) mod text;

/// A publication (the catalogue, the site) repeals what it leaves out
/// (非公布即废止): with any error in the register, nothing is written
/// unless a draft is asked for. Says so on `err`; `false`: do not write.
pub(crate) fn may_publish(
    reg: &crate::load::register::Register,
    as_of: chrono::NaiveDate,
    allow_errors: bool,
    what: &str,
    err: &mut dyn std::io::Write,
) -> std::io::Result<bool> {
    let findings = crate::gate::Findings::errors_of(reg, as_of, &crate::diag::Levels::default());
    if findings.errors() == 0 {
        return Ok(true);
    }
    if !allow_errors {
        crate::render::excluded::refusal(err, reg, &findings, what)?;
        return Ok(false);
    }
    crate::render::excluded::draft(err, reg, &findings)?;
    Ok(true)
}

/// Filters that match nothing are usage errors, not empty reports: a typo in
/// `--unit` or `--id` must not turn a report blank or a gate green. The
/// message names the closest existing values.
pub(crate) fn check_filters(
    reg: &crate::load::register::Register,
    unit: Option<&str>,
    ids: &[String],
) -> anyhow::Result<()> {
    // A part of a unit's name is what clerks type; ids are typed whole.
    fn closest<'a>(want: &str, have: impl Iterator<Item = &'a str> + Clone) -> Vec<&'a str> {
        let mut near = crate::lookup::containing(want, have.clone(), 3);
        for k in crate::lookup::closest(want, have, 3) {
            if near.len() < 3 && !near.contains(&k) {
                near.push(k);
            }
        }
        near
    }
    if let Some(u) = unit
        && !reg.documents.iter().any(|d| &*d.responsible_unit == u)
    {
        let near = closest(u, reg.documents.iter().map(|d| &*d.responsible_unit));
        let hint = if near.is_empty() { String::new() } else { format!("\n是否是: {}", near.join("、")) };
        anyhow::bail!(
            "登记簿中没有责任单位为 `{u}` 的文件{hint}\n提示: 责任单位须与记录中的 responsible_unit 完全相同"
        );
    }
    for id in ids {
        if reg.by_id(id).is_empty() {
            let near = closest(id, reg.documents.iter().map(|d| d.id()));
            let hint = if near.is_empty() { String::new() } else { format!("\n是否是: {}", near.join("、")) };
            anyhow::bail!("登记簿中没有 id 为 `{id}` 的文件{hint}");
        }
    }
    Ok(())
}
