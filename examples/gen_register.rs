//! Generates a realistic register of N documents, deterministic by seed,
//! for benchmarks and stress tests.
//!
//! ```sh
//! cargo run --release --example gen_register -- --docs 100000 --seed 1 --out /tmp/reg100k
//! ```
//!
//! Mixed kinds and units, nested folders (`documents/<unit>/<year>/`),
//! findings, events, decisions, supersession, validity periods, the sample
//! register's law tables and a campaign with scope windows, a focus law and
//! phases. The same seed always gives byte-identical files.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// splitmix64: small, fast, and enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const UNITS: &[(&str, &str, &str)] = &[
    ("gov", "永嘉县人民政府", "永政发"),
    ("govoffice", "永嘉县人民政府办公室", "永政办"),
    ("water", "永嘉县水利局", "永水"),
    ("land", "永嘉县国土资源局", "永国土资"),
    ("construction", "永嘉县建设局", "永建"),
    ("finance", "永嘉县财政局", "永财"),
    ("agriculture", "永嘉县农业局", "永农"),
    ("civil", "永嘉县民政局", "永民"),
    ("labour", "永嘉县人力资源和社会保障局", "永人社"),
    ("education", "永嘉县教育局", "永教"),
    ("environment", "永嘉县环境保护局", "永环"),
    ("health", "永嘉县卫生健康局", "永卫健"),
    ("transport", "永嘉县交通运输局", "永交"),
    ("market", "永嘉县市场监督管理局", "永市监"),
    ("culture", "永嘉县文化和旅游局", "永文旅"),
    ("emergency", "永嘉县应急管理局", "永应急"),
];
const SECTIONS: &[&str] = &["办公室", "法规科", "综合科", "业务一科", "业务二科", "监督科", "规划科", "财务科"];
const KINDS: &[(&str, u64)] =
    &[("规范性文件", 70), ("通告", 8), ("政府令", 4), ("会议纪要", 8), ("抄告单", 5), ("明传电报", 5)];
const SUBJECTS: &[&str] = &[
    "河道采砂",
    "农村饮用水工程",
    "土地储备",
    "房屋征收补偿",
    "不动产登记",
    "建筑市场",
    "政府采购",
    "最低生活保障",
    "养老保险",
    "中小学收费",
    "建设项目环境影响评价",
    "公共卫生",
    "道路运输",
    "食品安全",
    "文物保护",
    "安全生产",
    "企业信用信息",
    "抵押登记",
    "物业管理",
    "城市绿化",
];
const FORMS: &[&str] =
    &["管理办法", "实施细则", "暂行规定", "实施意见", "若干规定", "试行办法", "工作方案", "管理规定"];
const LAWS: &[&str] = &[
    "民法典",
    "行政许可法",
    "行政处罚法",
    "行政强制法",
    "水法",
    "防洪法",
    "河道管理条例",
    "土地管理法",
    "城市房地产管理法",
    "安全生产法",
    "价格法",
    "建筑法",
    "政府采购法",
    "义务教育法",
    "劳动法",
    "物权法",
    "合同法",
    "担保法",
    "经济合同法",
    "取水许可制度实施办法",
    "城市规划法",
    "城乡规划法",
    "政府信息公开条例",
    "优化营商环境条例",
];

fn date(rng: &mut Rng, from_year: u64, to_year: u64) -> (u64, u64, u64) {
    let y = from_year + rng.below(to_year - from_year + 1);
    (y, 1 + rng.below(12), 1 + rng.below(28))
}

fn fmt_date((y, m, d): (u64, u64, u64)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

#[allow(clippy::too_many_lines, reason = "one record template, read top to bottom")]
fn document(rng: &mut Rng, n: usize, ids: &[String]) -> (String, String) {
    let &(slug, issuer, series) = rng.pick(UNITS);
    let kind = {
        let mut roll = rng.below(100);
        KINDS
            .iter()
            .find(|(_, w)| {
                if roll < *w {
                    true
                } else {
                    roll -= w;
                    false
                }
            })
            .map_or("规范性文件", |k| k.0)
    };
    let issued = date(rng, 1990, 2026);
    let (y, _, _) = issued;
    let subject = rng.pick(SUBJECTS);
    let form = rng.pick(FORMS);
    let title = format!("{issuer}关于{subject}的{form}");
    let id = format!("{slug}-{y}-{n:06}");
    let path = format!("documents/{slug}/{y}/{id}.toml");
    let mut t = String::with_capacity(600);
    let _ = writeln!(t, "title = \"{title}\"");
    let _ = writeln!(t, "issuer = \"{issuer}\"");
    let _ = writeln!(t, "issued = {}", fmt_date(issued));
    if !matches!(kind, "抄告单" | "明传电报") || rng.chance(30) {
        let _ = writeln!(t, "doc_number = \"{series}〔{y}〕{n}号\"");
    }
    if kind != "规范性文件" {
        let _ = writeln!(t, "kind = \"{kind}\"");
    }
    if rng.chance(10) {
        let &(_, co, _) = rng.pick(UNITS);
        if co != issuer {
            let _ = writeln!(t, "co_issuers = [\"{co}\"]\nlead_unit = \"{issuer}\"");
        }
    }
    let _ = writeln!(t, "responsible_unit = \"{}\"", rng.pick(SECTIONS));
    if rng.chance(40) {
        let years = 1 + rng.below(6);
        let _ = writeln!(t, "expires = {:04}-{:02}-{:02}", y + years, issued.1, issued.2);
    }
    if rng.chance(5) {
        let _ = writeln!(t, "applies_until = {:04}-12-31", y + rng.below(2));
    }
    if rng.chance(2) {
        let _ = writeln!(t, "subject = \"{subject}\"\nsubject_gone = {}", fmt_date(date(rng, y, 2026)));
    }
    let basis: Vec<String> = (0..rng.below(3)).map(|_| format!("\"{}\"", rng.pick(LAWS))).collect();
    if !basis.is_empty() {
        let _ = writeln!(t, "basis = [{}]", basis.join(", "));
    }
    if rng.chance(5) && !ids.is_empty() {
        let _ = writeln!(t, "superseded_by = \"{}\"", rng.pick(ids));
    }
    if rng.chance(50) {
        let _ = writeln!(t, "disclosure = \"主动公开\"");
        if rng.chance(80) {
            let _ = writeln!(t, "disclosed = {:04}-{:02}-28", y, issued.1);
        }
    }
    if rng.chance(70) {
        let _ = writeln!(t, "filed = {:04}-{:02}-28", y, issued.1);
    }
    for _ in 0..(if rng.chance(15) { 1 + rng.below(2) } else { 0 }) {
        let ty = rng.pick(&["上位法抵触", "越权设定", "与上级文件不一致", "其他"]);
        let scope = if rng.chance(30) { "main" } else { "partial" };
        let _ = writeln!(
            t,
            "\n[[finding]]\ntype = \"{ty}\"\nscope = \"{scope}\"\nlaw = \"{}\"\nnote = \"第{}条需要审查\"",
            rng.pick(LAWS),
            1 + rng.below(30)
        );
    }
    for _ in 0..(if rng.chance(20) { 1 + rng.below(2) } else { 0 }) {
        let ty = rng.pick(&["清理", "评估", "备案", "对照审查", "重新公布"]);
        let _ = writeln!(t, "\n[[event]]\ndate = {}\ntype = \"{ty}\"", fmt_date(date(rng, y, 2026)));
        if *ty == "对照审查" {
            let _ = writeln!(t, "law = \"民法典\"");
        }
    }
    if rng.chance(3) {
        let _ = writeln!(t, "\n[[event]]\ndate = {}\ntype = \"废止\"", fmt_date(date(rng, y, 2026)));
    }
    if rng.chance(60) {
        let v = rng.pick(&["保留", "保留", "保留", "修改", "废止", "失效"]);
        let _ = writeln!(
            t,
            "\n[review]\ndecision = \"{v}\"\nreason = \"经审查{v}\"\nreviewer = \"县司法局\"\ndecided = 2026-08-{:02}",
            1 + rng.below(28)
        );
        if rng.chance(70) {
            let _ = writeln!(t, "approved = 2026-09-{:02}", 1 + rng.below(28));
        }
        if rng.chance(30) {
            let _ = writeln!(t, "published = 2026-10-{:02}", 1 + rng.below(28));
        }
        if rng.chance(10) {
            let _ = writeln!(t, "override_reason = \"经审核确认\"");
        }
    }
    (path, t)
}

const CONFIG: &str = r#"[register]
name = "生成的测试登记簿"

[campaign]
name = "2026年行政规范性文件清理"
as_of = 2026-10-31
made_before = 2026-07-01

[[campaign.scope]]
kinds = ["规范性文件", "政府令", "通告"]
from = 1995-01-01
to = 2026-06-30

[[campaign.scope]]
kinds = ["会议纪要", "抄告单", "明传电报"]
from = 2016-01-01
to = 2026-06-30

[[campaign.focus]]
law = "民法典"
keywords = ["物权", "不动产", "登记", "抵押", "征收"]

[[campaign.phase]]
name = "上报清理意见"
due = 2026-08-31
requires = "decided"

[[campaign.phase]]
name = "发布决定"
after = "approved"
days = 20
requires = "published"
"#;

fn write(root: &Path, rel: &str, text: &str) -> std::io::Result<()> {
    let p = root.join(rel);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(p, text)
}

fn main() -> std::io::Result<()> {
    let mut docs = 10_000usize;
    let mut seed = 1u64;
    let mut out = PathBuf::from("generated-register");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--help" || a == "-h" {
            println!(
                "usage: gen_register [--docs N] [--seed N] [--out DIR]\n\nWrites a synthetic register of N documents (default 10000, seed 1) to DIR (default generated-register)."
            );
            return Ok(());
        }
        let v = args.next().unwrap_or_default();
        match a.as_str() {
            "--docs" => docs = v.parse().expect("--docs N"),
            "--seed" => seed = v.parse().expect("--seed N"),
            "--out" => out = PathBuf::from(v),
            _ => panic!("usage: gen_register --docs N --seed N --out DIR"),
        }
    }
    assert!(!out.join("qingli.toml").exists(), "{} already holds a register", out.display());
    let mut rng = Rng(seed);
    write(&out, "qingli.toml", CONFIG)?;
    write(&out, "laws/national.toml", include_str!("../register/laws/national.toml"))?;
    write(&out, "laws/local.toml", include_str!("../register/laws/local.toml"))?;
    let mut ids: Vec<String> = Vec::with_capacity(docs);
    for n in 0..docs {
        let (path, text) = document(&mut rng, n, &ids);
        write(&out, &path, &text)?;
        let id = path.rsplit('/').next().unwrap_or_default().trim_end_matches(".toml").to_owned();
        ids.push(id);
    }
    eprintln!("wrote {docs} documents to {}", out.display());
    Ok(())
}
