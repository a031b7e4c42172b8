//! The arguments of the commands about documents' texts: `text add`,
//! `text import` and `scan`.

#![allow(clippy::doc_markdown, reason = "doc comments here are the Chinese --help text, not rustdoc")]

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::TEMPLATE;

#[derive(Debug, Args)]
#[command(help_template = TEMPLATE, next_help_heading = "选项")]
pub struct TextArgs {
    #[command(subcommand)]
    pub action: TextAction,
}

#[derive(Debug, Subcommand)]
pub enum TextAction {
    /// 读入一件文件的文本:qingli text add 永政发〔2006〕3号 宅基地管理办法.docx
    Add(TextAddArgs),
    /// 批量读入文本:按文件名或正文开头的文号、标题找到对应的记录;有任何问题就不写入
    Import(TextImportArgs),
}

#[derive(Debug, Args)]
#[command(help_template = TEMPLATE, next_help_heading = "选项")]
pub struct TextAddArgs {
    /// 文件的 id 或文号(括号、空格的写法不限)
    #[arg(value_name = "REF")]
    pub reference: String,
    /// 文本所在的文件:.docx、.doc、.wps、.txt、.html、.htm、.pdf
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// 已有不同的文本时替换它(否则不改动并报告)
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, Args)]
#[command(help_template = TEMPLATE, next_help_heading = "选项")]
pub struct TextImportArgs {
    /// 文件或文件夹(文件夹中认得的文件全部读入,含子文件夹)
    #[arg(value_name = "DIR|FILE", required = true)]
    pub paths: Vec<PathBuf>,
    /// 只列出计划:每个文件对应哪件记录,不写入
    #[arg(long)]
    pub dry_run: bool,
    /// 已有不同的文本时替换它(否则作为问题报告,不写入任何文件)
    #[arg(long)]
    pub replace: bool,
}

/// Output format of `scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScanFormat {
    /// 供人阅读:逐件列出
    Human,
    /// JSON,供脚本使用
    Json,
}

#[derive(Debug, Args)]
#[command(help_template = TEMPLATE, next_help_heading = "选项")]
pub struct ScanArgs {
    /// 把记录缺少的 basis、effective、expires、provisional 按文本写入记录(记录已有的值一律不改)
    #[arg(long)]
    pub apply: bool,
    /// 只读这些 id 的文件的文本(可重复)
    #[arg(long, value_name = "ID")]
    pub id: Vec<String>,
    /// 输出格式
    #[arg(long, value_enum, default_value = "human")]
    pub format: ScanFormat,
}
