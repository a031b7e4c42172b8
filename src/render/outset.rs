//! What a run writing an output set (`catalog`, `site`) did beyond its own
//! files: an interrupted run completed or cleaned up, files of the previous
//! run removed, and files kept because they were changed since.

use std::io::Write;

use crate::write::outset::Finished;

pub(crate) fn report(out: &mut dyn Write, recovered: &[String], finished: &Finished) -> std::io::Result<()> {
    for line in recovered {
        writeln!(out, "注意: {line}")?;
    }
    if finished.removed > 0 {
        writeln!(out, "已删除上次生成、本次不再需要的 {} 个文件", finished.removed)?;
    }
    if !finished.kept.is_empty() {
        writeln!(out, "保留了上次生成、本次不再需要、但在生成之后被改动过的 {} 个文件(未删除):", finished.kept.len())?;
        for f in &finished.kept {
            writeln!(out, "  {}", crate::render::terminal_text(f))?;
        }
    }
    Ok(())
}
