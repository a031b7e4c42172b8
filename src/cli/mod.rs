//! The command line, as clap derive structs. Help text is Chinese and comes
//! from the doc comments. No file system work happens here, and nothing below
//! `cmd` imports this module. [`text`] holds the arguments of the commands
//! about documents' texts (`text`, `scan`).

#![allow(clippy::doc_markdown, reason = "doc comments here are the Chinese --help text, not rustdoc")]
#![allow(rustdoc::broken_intra_doc_links, reason = "help text mentions [check] and similar, not links")]

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

mod text;
pub use text::{ScanArgs, ScanFormat, TextAction, TextAddArgs, TextArgs, TextImportArgs};

const AFTER_HELP: &str =
    "退出码: 0 成功;1 命令正常运行但发现了要求报告的问题(检查错误、--fail-on);2 用法错误或无法读取登记簿。
登记簿位置: --register DIR,否则环境变量 QINGLI_REGISTER,否则从当前目录向上查找 qingli.toml。";

/// clap's help layout with Chinese headings.
const TEMPLATE: &str = "{about-with-newline}\n用法: {usage}\n\n{all-args}{after-help}";

/// 清理 — 行政规范性文件清理工具:登记簿检查、清理意见、清理目录与期限提醒。
#[derive(Debug, Parser)]
#[command(
    name = "qingli",
    version,
    after_help = AFTER_HELP,
    propagate_version = true,
    help_template = TEMPLATE,
    subcommand_help_heading = "命令",
    subcommand_value_name = "命令",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true,
    next_help_heading = "选项"
)]
pub struct Cli {
    /// 显示帮助
    #[arg(short, long, global = true, action = clap::ArgAction::Help)]
    pub help: Option<bool>,

    /// 显示版本
    #[arg(short = 'V', long, action = clap::ArgAction::Version)]
    pub version: Option<bool>,

    /// 登记簿目录(含 qingli.toml)
    // Any bytes, even empty: an empty `QINGLI_REGISTER` counts as unset (the
    // nearest `qingli.toml` upward is used), as it did before clap read it.
    #[arg(long, global = true, value_name = "DIR", env = "QINGLI_REGISTER", hide_env_values = true, value_parser = clap::builder::TypedValueParser::map(clap::builder::OsStringValueParser::new(), PathBuf::from))]
    pub register: Option<PathBuf>,

    /// 评估日期(YYYY-MM-DD);默认取 campaign.as_of,否则为今天
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,

    /// 表格宽度(列数);默认取终端宽度或 COLUMNS,输出到管道或文件时不限
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(40..))]
    pub width: Option<u16>,

    /// 表格显示全部列,不按终端宽度省略
    #[arg(long, global = true)]
    pub wide: bool,

    /// 把报告写入文件(完整写好后才出现),而不是输出到屏幕;Excel、日历等格式请用它,不要用 >(Windows PowerShell 的 > 会改变文件的编码)
    #[arg(short = 'o', long, global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

/// Parses a `YYYY-MM-DD` date for clap, with a Chinese message; years
/// 1900 to 9999 only (what a record and a spreadsheet can hold:
/// `+10000-01-01` would be written into a record that no longer parses).
fn parse_date(s: &str) -> Result<NaiveDate, String> {
    // What `import` reads: 2025-03-10, 2025/3/10, 2025.3.10, 2025年3月10日 …
    let t = s.trim();
    if t.starts_with(['+', '-'])
        || t.split(['-', '/', '.', '年']).next().is_some_and(|y| y.len() > 4 && y.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(format!("`{s}` 超出可用的日期范围(1900-01-01 至 9999-12-31)"));
    }
    let d = crate::dates::parse_loose(s).map_err(|e| match e {
        crate::dates::LooseError::NoSuchDay(why) => format!("`{s}` 不是存在的日期:{why}"),
        crate::dates::LooseError::Form => {
            format!("`{s}` 不是有效日期,应写作 2025-03-10(也可 2025/3/10、2025.3.10、2025年3月10日)")
        }
    })?;
    if !(1900..=9999).contains(&chrono::Datelike::year(&d)) {
        return Err(format!("`{s}` 超出可用的日期范围(1900-01-01 至 9999-12-31)"));
    }
    Ok(d)
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检查登记簿:语法、必填字段、日期、文号、引用等,一次报告全部问题
    Check(CheckArgs),
    /// 按清理原则评估每件文件,给出规则建议并与清理意见比对
    Review(ReviewArgs),
    /// 新建登记簿骨架(qingli.toml、documents/、laws/ 常用法律表)
    Init(InitArgs),
    /// 新建一件文件记录
    New(NewArgs),
    /// 上位法库:各法律在评估日的状态与被引用次数;`laws impact NAME` 列出受某部法律变动影响的文件
    Laws(LawsArgs),
    /// 记录一件文件的清理意见(写入该记录的 [review],其他内容原样保留)
    Decide(DecideArgs),
    /// 从电子表格导入文件记录(.xlsx、.xls、.ods、.csv;现行有效目录、清理意见表等)
    Import(ImportArgs),
    /// 期限提醒:有效期、评估、定期清理、备案、公开、清理阶段、修改完成、上位法变动(D1–D8)
    Deadlines(DeadlinesArgs),
    /// 生成清理目录:附件1–4、现行有效目录与清理结果说明(可选 Excel)
    Catalog(CatalogArgs),
    /// 生成对外公布的静态网站:现行有效目录(可按名称、文号和正文搜索)、每件文件一页(带可公开的正文)、清理结果、统计图
    Site(SiteArgs),
    /// 比较登记簿的两个 git 版本:新增、删除、变更的文件,清理结论如何变化及原因
    Diff(DiffArgs),
    /// 把文件记录、法律库和文本整理为统一格式(保留全部注释和取值;文本只整理空白和换行)
    Fmt(FmtArgs),
    /// 文件的文本(正文):从 .docx、.doc、.wps、.txt、.html、.pdf 读入,放在记录旁边
    Text(TextArgs),
    /// 读文本:依据的法律、施行日期与有效期、同时废止的文件、审查要点,与记录对照(只作提示,不改变清理结论)
    Scan(ScanArgs),
    /// 输出 shell 补全脚本,例如 qingli completions bash > /etc/bash_completion.d/qingli
    Completions(CompletionsArgs),
    /// 输出 man 手册页(roff 格式),例如 qingli man > qingli.1
    Man,
}

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// 供人阅读的逐行诊断
    Human,
    /// JSON,供 CI 使用
    Json,
    /// JSON Lines:每行一条诊断(与 JSON 格式的 diagnostics 条目相同)
    Jsonl,
}

#[derive(Debug, Args)]
#[command(help_template = TEMPLATE, next_help_heading = "选项")]
pub struct CheckArgs {
    /// 输出格式
    #[arg(long, value_enum, default_value = "human")]
    pub format: CheckFormat,
    /// 严格模式:清理意见与规则建议不一致且无 override_reason 时视为错误(即 --deny disagreement)
    #[arg(long)]
    pub strict: bool,
    /// 把这个检查代码视为错误(可重复),例如 --deny unknown-law
    #[arg(long, value_name = "CODE")]
    pub deny: Vec<String>,
    /// 把这个警告类检查代码保留为警告(可重复;覆盖 qingli.toml 的 [check])
    #[arg(long, value_name = "CODE")]
    pub warn: Vec<String>,
    /// 不报告这个警告类检查代码(可重复),例如 --allow doc-number-brackets
    #[arg(long, value_name = "CODE")]
    pub allow: Vec<String>,
}

#[derive(Debug, Args)]
#[command(help_template = TEMPLATE, next_help_heading = "选项", args_conflicts_with_subcommands = false)]
pub struct LawsArgs {
    #[command(subcommand)]
    pub action: Option<LawsAction>,
    /// 输出格式
    #[arg(long, value_enum, default_value = "table", global = true)]
    pub format: ReportFormat,
}

#[derive(Debug, Subcommand)]
pub enum LawsAction {
    /// 某部法律修订或废止后,引用它的文件中哪些尚未对照审查
    Impact(ImpactArgs),
}

#[derive(Debug, Args)]
#[command(help_template = TEMPLATE, next_help_heading = "选项")]
pub struct ImpactArgs {
    /// 法律名称:简称、全称或别名,书名号与“中华人民共和国”可有可无
    #[arg(value_name = "NAME")]
    pub name: String,
    /// 用于 CI:有需要清理(尚未对照审查)的文件时退出码为 1
    #[arg(long, value_enum, value_name = "WHAT")]
    pub fail_on: Option<ImpactFailOn>,
}

/// What `laws impact --fail-on` fails on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImpactFailOn {
    /// 有需要清理的文件时退出码为 1
    NeedsCleanup,
}

#[derive(Debug, Args)]
#[command(help_template = TEMPLATE, next_help_heading = "选项")]
pub struct DecideArgs {
    /// 文件的 id 或文号(括号、空格的写法不限)
    #[arg(value_name = "REF")]
    pub reference: String,
    /// 清理意见:保留、修改、废止、失效(也认 继续有效、修订、予以废止、宣布失效 等导入时认得的写法)
    #[arg(value_name = "DECISION", value_parser = parse_decision)]
    pub decision: DecisionWord,
    /// 清理意见的理由
    #[arg(long, value_name = "R")]
    pub reason: Option<String>,
    /// 不采纳规则建议的理由(清理意见与规则建议不同时填写,check --strict 才能通过)
    #[arg(long, value_name = "R")]
    pub override_reason: Option<String>,
    /// 审核人;默认取环境变量 QINGLI_REVIEWER,否则为 git 的 user.name
    #[arg(long, value_name = "NAME")]
    pub reviewer: Option<String>,
    /// 作出清理意见的日期(decided);默认为今天
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// 审批日期(approved)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub approved: Option<NaiveDate>,
    /// 公布日期(published)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub published: Option<NaiveDate>,
    /// 修改完成日期(revised)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub revised: Option<NaiveDate>,
}

/// Output format of `import`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// 供人阅读的报告
    Human,
    /// JSON,供脚本使用
    Json,
}

#[derive(Debug, Args)]
#[command(help_template = TEMPLATE, next_help_heading = "选项")]
pub struct ImportArgs {
    /// 要导入的文件(.xlsx、.xls、.ods、.csv;CSV 可为 UTF-8、带 BOM 的 UTF-8 或 GB18030/GBK)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// 只导入这张工作表(默认导入每张工作表)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// 表中没有制定机关一列(或单元格为空)时使用的制定机关
    #[arg(long, value_name = "NAME")]
    pub issuer: Option<String>,
    /// 新记录放在 documents/ 下的这个子目录
    #[arg(long, value_name = "SUBDIR")]
    pub dir: Option<String>,
    /// 已在登记簿中的文件:补填记录中没有的字段和清理意见(与记录矛盾的值是错误,不覆盖)
    #[arg(long)]
    pub update: bool,
    /// 只报告将新建、更新哪些记录,不写入任何文件
    #[arg(long)]
    pub dry_run: bool,
    /// 增加列名对应,例如 --map 文件标题名称=title(可重复;KEY 见 docs/import.md)
    #[arg(long = "map", value_name = "列名=KEY")]
    pub map: Vec<String>,
    /// 输出格式
    #[arg(long, value_enum, default_value = "human")]
    pub format: ImportFormat,
}

/// Output format of report commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// 终端表格
    Table,
    /// CSV(UTF-8)
    Csv,
    /// JSON(字段名见 docs/outputs.md)
    Json,
    /// JSON Lines:每行一个对象(与 JSON 格式的条目相同),流式输出,供 DuckDB、pandas 等读取
    Jsonl,
    /// Markdown 表格
    Markdown,
}

/// A decision as typed: the verdict and the word used for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionWord {
    verdict: crate::load::model::Verdict,
    said: String,
}

impl DecisionWord {
    pub(crate) fn verdict(&self) -> crate::load::model::Verdict {
        self.verdict
    }

    /// The word typed, when it is not the verdict's own name.
    pub(crate) fn alias(&self) -> Option<&str> {
        (self.said != self.verdict.as_str()).then_some(self.said.as_str())
    }
}

/// A decision word: the four verdicts, their English names, and the words
/// `import` reads in an opinion column.
fn parse_decision(s: &str) -> Result<DecisionWord, String> {
    use crate::load::model::Verdict;
    let said = s.trim().to_owned();
    let english = match said.to_ascii_lowercase().as_str() {
        "keep" => Some(Verdict::Keep),
        "amend" => Some(Verdict::Amend),
        "repeal" => Some(Verdict::Repeal),
        "expire" => Some(Verdict::Expire),
        _ => None,
    };
    english
        .or_else(|| crate::write::import::decision(&said))
        .map(|verdict| DecisionWord { verdict, said: said.clone() })
        .ok_or_else(|| format!("`{s}` 不是清理意见;应为 保留、修改、废止、失效(也认 继续有效、修订、宣布失效)"))
}

/// A verdict as a command-line value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VerdictArg {
    #[value(name = "保留", alias = "keep")]
    Keep,
    #[value(name = "修改", alias = "amend")]
    Amend,
    #[value(name = "废止", alias = "repeal")]
    Repeal,
    #[value(name = "失效", alias = "expire")]
    Expire,
}

impl VerdictArg {
    /// The verdict of the register model.
    pub(crate) fn verdict(self) -> crate::load::model::Verdict {
        use crate::load::model::Verdict;
        match self {
            VerdictArg::Keep => Verdict::Keep,
            VerdictArg::Amend => Verdict::Amend,
            VerdictArg::Repeal => Verdict::Repeal,
            VerdictArg::Expire => Verdict::Expire,
        }
    }
}

#[derive(Debug, Args)]
#[command(help_template = TEMPLATE, next_help_heading = "选项")]
pub struct ReviewArgs {
    /// 输出格式
    #[arg(long, value_enum, default_value = "table")]
    pub format: ReportFormat,
    /// 只列出该责任单位的文件
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// 只列出清理意见(未定时为规则建议)为此项的文件
    #[arg(long, value_enum, value_name = "VERDICT")]
    pub verdict: Option<VerdictArg>,
    /// 只列出清理意见与规则建议不一致的文件
    #[arg(long)]
    pub disagreements: bool,
    /// 只列出这些 id 的文件(可重复)
    #[arg(long, value_name = "ID")]
    pub id: Vec<String>,
    /// 表格中也列出不在本次清理之列的文件(新制定、已废止、已失效)
    #[arg(long)]
    pub all: bool,
    /// 详细说明一件文件(id 或文号)的事实、每条规则的判断与结论
    #[arg(long, value_name = "ID", conflicts_with_all = ["unit", "verdict", "disagreements", "id", "all"])]
    pub explain: Option<String>,
    /// 交互式审查:在终端中逐件查看规则判断并记录清理意见(需要终端;脚本中用 qingli decide)
    #[arg(short = 'i', long)]
    pub interactive: bool,
}

#[derive(Debug, Args)]
#[command(help_template = TEMPLATE, next_help_heading = "选项")]
pub struct InitArgs {
    /// 新登记簿的目录(默认为当前目录)
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// 登记簿名称,例如「永嘉县水利局行政规范性文件登记簿」
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
#[command(help_template = TEMPLATE, next_help_heading = "选项")]
pub struct NewArgs {
    /// 文件名称
    #[arg(long)]
    pub title: String,
    /// 制定机关
    #[arg(long)]
    pub issuer: String,
    /// 发布(印发)日期,YYYY-MM-DD
    #[arg(long, value_parser = parse_date)]
    pub issued: NaiveDate,
    /// 文号,例如 永政发〔2007〕58号(括号会规范为〔〕)
    #[arg(long)]
    pub doc_number: Option<String>,
    /// 文件类别(默认 规范性文件)
    #[arg(long)]
    pub kind: Option<String>,
    /// 施行日期,YYYY-MM-DD(默认同发布日期)
    #[arg(long, value_parser = parse_date)]
    pub effective: Option<NaiveDate>,
    /// 有效期至,YYYY-MM-DD
    #[arg(long, value_parser = parse_date)]
    pub expires: Option<NaiveDate>,
    /// 清理责任单位(默认为牵头单位或制定机关)
    #[arg(long)]
    pub responsible_unit: Option<String>,
    /// 联合发文机关(可重复)
    #[arg(long = "co-issuer", value_name = "UNIT")]
    pub co_issuers: Vec<String>,
    /// 联合发文的牵头单位
    #[arg(long)]
    pub lead_unit: Option<String>,
    /// 上位法依据(可重复);不在法律库中时提示最相近的法律名称
    #[arg(long = "basis", value_name = "LAW")]
    pub basis: Vec<String>,
    /// 暂行、试行文件(有效期最长 2 年)
    #[arg(long)]
    pub provisional: bool,
    /// 适用期至,YYYY-MM-DD(有适用期的临时性文件)
    #[arg(long, value_parser = parse_date)]
    pub applies_until: Option<NaiveDate>,
    /// 已被哪件文件(文号或 id)或法律替代
    #[arg(long, value_name = "文号|ID|LAW")]
    pub superseded_by: Option<String>,
    /// 记录 id(文件名);默认由文号或标题生成
    #[arg(long)]
    pub id: Option<String>,
    /// 放在 documents/ 下的子目录,例如 2007
    #[arg(long, value_name = "SUBDIR")]
    pub dir: Option<String>,
}

/// Output format of `deadlines`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeadlineFormat {
    /// 按责任单位分组的终端表格
    Table,
    /// CSV(UTF-8)
    Csv,
    /// JSON(字段名见 docs/outputs.md)
    Json,
    /// Markdown
    Markdown,
    /// iCalendar(.ics),可导入日历应用订阅
    Ics,
    /// JSON Lines:每行一个期限事项(与 JSON 格式的 items 条目相同)
    Jsonl,
    /// Excel 工作簿(每个责任单位一张表,便于分发),写到标准输出:> 期限提醒.xlsx
    Xlsx,
}

/// What `--fail-on` fails on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// 有已逾期事项时退出码为 1
    Overdue,
    /// 有已逾期或即将到期事项时退出码为 1
    Due,
}

#[derive(Debug, Args)]
#[command(help_template = TEMPLATE, next_help_heading = "选项")]
pub struct DeadlinesArgs {
    /// 输出格式
    #[arg(long, value_enum, default_value = "table")]
    pub format: DeadlineFormat,
    /// 列出全部事项(含已完成和尚早的);默认只列已逾期和即将到期的未完成事项
    #[arg(long)]
    pub all: bool,
    /// “即将到期”的天数窗口
    #[arg(long, value_name = "DAYS", default_value_t = 30)]
    pub within: u32,
    /// 只列出该责任单位的事项
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// 只列出这些类别(D1–D8,可重复)
    #[arg(long, value_name = "KIND", value_parser = parse_kind)]
    pub kind: Vec<crate::judge::deadline::Kind>,
    /// 用于定时任务:列出的事项中有此类事项时退出码为 1;登记簿有错误(有文件未能评估)时也为 1
    #[arg(long, value_enum, value_name = "WHAT")]
    pub fail_on: Option<FailOn>,
    /// 只看此日及以后到期的事项(默认取 [policy] deadlines_from);更早到期的不计入 --fail-on,也不在默认视图中(--all 仍列出)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<NaiveDate>,
}

fn parse_kind(s: &str) -> Result<crate::judge::deadline::Kind, String> {
    crate::judge::deadline::Kind::parse(s).ok_or_else(|| format!("`{s}` 不是期限类别,应为 D1–D8"))
}

/// Encoding of the catalogue CSV files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    /// UTF-8 带 BOM:在中文 Windows 的 Excel、WPS 中直接打开不乱码(默认)
    #[value(name = "utf8-bom")]
    Utf8Bom,
    /// 不带 BOM 的 UTF-8,供程序处理
    #[value(name = "utf8")]
    Utf8,
    /// GB18030,供只认国标编码的旧系统
    #[value(name = "gb18030")]
    Gb18030,
}

#[derive(Debug, Args)]
#[command(help_template = TEMPLATE, next_help_heading = "选项")]
#[allow(clippy::struct_excessive_bools)] // independent command-line switches
pub struct CatalogArgs {
    /// 输出目录(不存在时创建);只在此目录中写文件
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// CSV 文件编码
    #[arg(long, value_enum, default_value = "utf8-bom")]
    pub encoding: EncodingArg,
    /// 同时写出 Excel 工作簿 清理结果.xlsx(每个附件一张表)
    #[arg(long)]
    pub xlsx: bool,
    /// 同时写出 Word 公文草稿 清理结果通知.docx(按 GB/T 9704 排版,附件1–4 为表格;设置见 qingli.toml 的 [notice])
    #[arg(long)]
    pub docx: bool,
    /// 定稿用:有文件尚未作出清理意见时报错(退出码 1),不写出目录
    #[arg(long)]
    pub require_decisions: bool,
    /// 登记簿有错误时仍写出目录(草稿):未能评估的文件列在 清理结果.md 的“未能评估的文件”一节
    #[arg(long)]
    pub allow_errors: bool,
}

#[derive(Debug, Args)]
#[command(help_template = TEMPLATE, next_help_heading = "选项")]
pub struct SiteArgs {
    /// 输出目录(不存在时创建);只在此目录中写文件。目录非空时须为 qingli 生成的网站(有 .qingli-site 标记)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// 网站发布后的地址(如 https://www.example.gov.cn/gfxwj),用于各页的规范链接;页面之间一律用相对链接
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// 网站标题;默认为 qingli.toml 中 [register] name(去掉“登记簿”),否则“行政规范性文件库”
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// 同时在输出目录写出目录文件(附件1–4、现行有效目录 CSV 与 清理结果.xlsx),并在清理结果页提供下载
    #[arg(long)]
    pub with_catalog: bool,
    /// 同时写出并提供下载 Word 通知(清理结果通知.docx)和 清理结果.md;它们是内部文稿,默认不公开
    #[arg(long)]
    pub with_notice: bool,
    /// 登记簿有错误时仍生成网站(草稿):首页和清理结果页列出未能评估的文件,其他各页注明件数
    #[arg(long)]
    pub allow_errors: bool,
}

/// Output format of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// 供终端阅读
    Text,
    /// Markdown,可直接作为合并请求的评论
    Markdown,
    /// JSON,供机器人和脚本
    Json,
}

/// What `diff --fail-on` fails on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFailOn {
    /// 新版本有检查错误时退出码为 1
    Errors,
}

#[derive(Debug, Args)]
#[command(help_template = TEMPLATE, next_help_heading = "选项")]
pub struct DiffArgs {
    /// 基准版本(分支、标签或提交),例如 main、origin/main、HEAD~1
    #[arg(value_name = "REV")]
    pub base: String,
    /// 新版本;省略时为工作区中的登记簿
    #[arg(value_name = "REV2")]
    pub head: Option<String>,
    /// 输出格式
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// 用于 CI:新版本有检查错误时退出码为 1
    #[arg(long, value_enum, value_name = "WHAT")]
    pub fail_on: Option<DiffFailOn>,
}

#[derive(Debug, Args)]
#[command(help_template = TEMPLATE, next_help_heading = "选项")]
pub struct FmtArgs {
    /// 只检查不改写:列出需要格式化的文件和差异,有则退出码为 1(用于 CI)
    #[arg(long)]
    pub check: bool,
    /// 只处理这些文件(默认为登记簿中的全部文件记录和法律库)
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
#[command(help_template = TEMPLATE, next_help_heading = "选项")]
pub struct CompletionsArgs {
    /// shell 种类
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

impl Command {
    /// Whether the chosen output is for people (tables, text, Markdown) and
    /// so must be terminal-safe; JSON, CSV, ICS and generated scripts pass
    /// unchanged.
    /// Whether the command's report goes to stdout (and so `--output` may take it).
    pub(crate) fn reports_to_stdout(&self) -> bool {
        matches!(
            self,
            Command::Check(_)
                | Command::Review(_)
                | Command::Deadlines(_)
                | Command::Diff(_)
                | Command::Laws(_)
                | Command::Scan(_)
                | Command::Completions(_)
                | Command::Man
        ) || matches!(self, Command::Import(a) if a.format == ImportFormat::Json)
    }

    pub(crate) fn is_human_readable(&self) -> bool {
        match self {
            Command::Check(a) => a.format == CheckFormat::Human,
            Command::Review(a) => matches!(a.format, ReportFormat::Table | ReportFormat::Markdown),
            Command::Deadlines(a) => matches!(a.format, DeadlineFormat::Table | DeadlineFormat::Markdown),
            Command::Diff(a) => a.format != DiffFormat::Json,
            Command::Completions(_) | Command::Man => false,
            Command::Import(a) => a.format == ImportFormat::Human,
            Command::Laws(a) => matches!(a.format, ReportFormat::Table | ReportFormat::Markdown),
            Command::Scan(a) => a.format == ScanFormat::Human,
            Command::Decide(_)
            | Command::Init(_)
            | Command::New(_)
            | Command::Catalog(_)
            | Command::Site(_)
            | Command::Fmt(_)
            | Command::Text(_) => true,
        }
    }
}

/// A command line that did not parse: what to print, where, and the exit code.
#[derive(Debug)]
pub struct Refused {
    /// The text to print (help and version go to stdout, errors to stderr).
    pub text: String,
    pub to_stdout: bool,
    /// 0 for help and version, 2 for a usage error.
    pub code: u8,
}

/// Parses the command line. Usage errors are rendered in Chinese with
/// clap's structure (the problem, a suggestion, the usage, where to get
/// help) and exit code 2; help text has clap's English labels translated.
pub fn parse<I, T>(args: I) -> Result<Cli, Refused>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    use clap::Parser as _;
    Cli::try_parse_from(args).map_err(|e| {
        use clap::error::ErrorKind;
        match e.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                Refused { text: translate_help(&e.render().to_string()), to_stdout: true, code: 0 }
            }
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                Refused { text: translate_help(&e.render().to_string()), to_stdout: false, code: 2 }
            }
            _ => Refused { text: usage_error(&e), to_stdout: false, code: 2 },
        }
    })
}

/// clap's few English words in help output, in Chinese.
#[must_use]
pub fn translate_help(text: &str) -> String {
    text.replace("[default: ", "[默认: ")
        .replace("[possible values: ", "[可选值: ")
        .replace("Possible values:", "可选值:")
        .replace("[env: ", "[环境变量: ")
        .replace("[aliases: ", "[别名: ")
        .replace("[OPTIONS]", "[选项]")
        .replace("Usage: ", "用法: ")
}

/// A usage error in Chinese.
fn usage_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind as K, ContextValue as V, ErrorKind};
    let get = |k: K| -> String {
        match e.get(k) {
            Some(V::String(s)) => s.clone(),
            Some(V::Strings(v)) => v.join("、"),
            Some(V::StyledStr(s)) => s.to_string(),
            Some(V::StyledStrs(v)) => v.iter().map(ToString::to_string).collect::<Vec<_>>().join("、"),
            Some(V::Number(n)) => n.to_string(),
            Some(V::Bool(b)) => b.to_string(),
            _ => String::new(),
        }
    };
    let (arg, value) = (get(K::InvalidArg), get(K::InvalidValue));
    let text = match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => format!("参数 {arg} 缺少取值"),
        ErrorKind::InvalidValue => format!("参数 {arg} 的取值 '{value}' 无效"),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e).map(ToString::to_string).unwrap_or_default();
            format!("参数 {arg} 的取值 '{value}' 无效: {why}")
        }
        ErrorKind::UnknownArgument => format!("未知参数 '{arg}'"),
        ErrorKind::InvalidSubcommand => format!("未知命令 '{}'", get(K::InvalidSubcommand)),
        ErrorKind::NoEquals => format!("参数 {arg} 的取值须用 '=' 连接"),
        ErrorKind::TooManyValues => format!("参数 {arg} 的取值 '{value}' 过多"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!("参数 {arg} 的取值个数不对"),
        ErrorKind::ArgumentConflict => {
            let prior = get(K::PriorArg);
            if prior.is_empty() {
                format!("参数 {arg} 不能重复使用")
            } else {
                format!("参数 {arg} 不能与 {prior} 同时使用")
            }
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数: {arg}"),
        ErrorKind::MissingSubcommand => "缺少命令".to_owned(),
        ErrorKind::InvalidUtf8 => "参数不是有效的 UTF-8 文本".to_owned(),
        _ => {
            format!("命令行有误: {}", e.render().to_string().lines().next().unwrap_or("").trim_start_matches("error: "))
        }
    };
    let mut out = format!("错误: {text}\n");
    let valid = get(K::ValidValue);
    if matches!(e.kind(), ErrorKind::InvalidValue) && !valid.is_empty() {
        out.push_str(&format!("  [可选值: {valid}]\n"));
    }
    let valid_sub = get(K::ValidSubcommand);
    if e.kind() == ErrorKind::MissingSubcommand && !valid_sub.is_empty() {
        out.push_str(&format!("  [可用命令: {valid_sub}]\n"));
    }
    for (kind, what) in [(K::SuggestedArg, "参数"), (K::SuggestedSubcommand, "命令"), (K::SuggestedValue, "取值")]
    {
        let s = get(kind);
        if !s.is_empty() {
            out.push_str(&format!("\n  提示: 相近的{what}: '{s}'\n"));
        }
    }
    let trailing = get(K::TrailingArg);
    if trailing == "true" {
        out.push_str(&format!("\n  提示: 若 '{arg}' 是取值而不是参数,请写在 '-- {arg}' 之后\n"));
    }
    let usage = get(K::Usage);
    if !usage.is_empty() {
        out.push_str(&format!("\n{}\n", translate_help(&usage)));
    }
    out.push_str("\n更多信息请运行 '--help'。\n");
    out
}
