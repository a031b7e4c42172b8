//! The 清理结果通知's settings resolved: `[notice]` where set, otherwise
//! defaults taken from `[register]`, `[campaign]` and the documents. Pure.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::load::model::Config;
use crate::load::register::Register;

/// Every setting of the notice, defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Notice {
    /// 发文机关 (署名 and the subject of the opening sentence).
    pub issuer: String,
    /// 发文字号; `None` leaves the line out (assigned when the notice is signed).
    pub doc_number: Option<String>,
    /// 主送机关, without the closing colon.
    pub recipients: String,
    /// 标题.
    pub title: String,
    /// The 依据 clause, without trailing punctuation.
    pub basis: String,
    /// 成文日期.
    pub date: NaiveDate,
    /// 附注 (公开方式), without brackets.
    pub disclosure: String,
    /// The campaign's `made_before`: the notice covers documents made before it.
    pub made_before: Option<NaiveDate>,
    /// 发文机关标志: the red 版头 when set.
    pub issuer_mark: Option<String>,
    /// 版记, when any of it is set.
    pub imprint: Option<Imprint>,
}

/// The 版记 (GB/T 9704 7.4): 抄送机关, 印发机关 and 印发日期.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Imprint {
    pub cc: Option<String>,
    pub printer: Option<String>,
    pub print_date: Option<NaiveDate>,
}

/// Default 主送机关.
pub(crate) const DEFAULT_RECIPIENTS: &str = "各有关单位";
/// Default 依据 clause.
pub(crate) const DEFAULT_BASIS: &str = "根据有关规定";
/// Default 公开方式.
pub(crate) const DEFAULT_DISCLOSURE: &str = "此件公开发布";

/// The issuer most documents name (ties: the first in report order), else
/// the register's name, else a placeholder a clerk will see and replace.
fn usual_issuer(reg: &Register) -> String {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, d) in reg.documents.iter().enumerate() {
        counts.entry(&*d.issuer).or_insert((0, i)).0 += 1;
    }
    counts
        .into_iter()
        .filter(|(name, _)| !name.trim().is_empty())
        .max_by(|(_, (n1, i1)), (_, (n2, i2))| n1.cmp(n2).then(i2.cmp(i1)))
        .map(|(name, _)| name.to_owned())
        .or_else(|| reg.config.name.clone())
        .unwrap_or_else(|| "(发文机关)".to_owned())
}

/// The text without the punctuation a clerk may end it with.
fn trimmed(s: &str) -> String {
    s.trim().trim_end_matches([',', '，', '。', '.', ';', '；', ':', '：']).to_owned()
}

/// Resolves the notice's settings for `as_of`.
pub(crate) fn resolve(config: &Config, reg: &Register, as_of: NaiveDate) -> Notice {
    let n = &config.notice;
    let campaign = config.campaign.as_ref();
    let issuer = n.issuer.as_deref().map_or_else(|| usual_issuer(reg), |s| s.trim().to_owned());
    let title = n.title.as_deref().map_or_else(
        || {
            let what = campaign.and_then(|c| c.name.as_deref()).unwrap_or("行政规范性文件清理");
            format!("{issuer}关于公布{what}结果的通知")
        },
        |s| s.trim().to_owned(),
    );
    Notice {
        doc_number: n.doc_number.clone(),
        recipients: n.recipients.as_deref().map_or_else(|| DEFAULT_RECIPIENTS.to_owned(), trimmed),
        basis: n.basis.as_deref().map_or_else(|| DEFAULT_BASIS.to_owned(), trimmed),
        date: n.date.unwrap_or(as_of),
        disclosure: n
            .disclosure
            .as_deref()
            .map_or_else(|| DEFAULT_DISCLOSURE.to_owned(), |s| trimmed(s.trim_matches(['(', ')', '（', '）']))),
        made_before: campaign.and_then(|c| c.made_before),
        issuer_mark: n.issuer_mark.as_deref().map(str::trim).filter(|m| !m.is_empty()).map(str::to_owned),
        imprint: (n.cc.is_some() || n.printer.is_some() || n.print_date.is_some()).then(|| Imprint {
            cc: n.cc.as_deref().map(trimmed).filter(|c| !c.is_empty()),
            printer: n.printer.as_deref().map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned),
            print_date: n.print_date,
        }),
        issuer,
        title,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::model::{Campaign, NoticeConfig};

    fn reg_with(issuers: &[&str]) -> Register {
        let docs = issuers
            .iter()
            .enumerate()
            .map(|(i, is)| {
                let mut d = crate::judge::rules::tests::doc(&format!("d{i}"), "2005-01-01");
                d.issuer = (*is).into();
                d
            })
            .collect();
        Register::from_parts_in_order(Config::default(), docs, vec![])
    }

    #[test]
    fn defaults_come_from_the_documents_and_the_campaign() {
        let reg = reg_with(&["县水利局", "县政府", "县政府", "县水利局", "县财政局"]);
        let config = Config {
            campaign: Some(Campaign { name: Some("2007年行政规范性文件清理".into()), ..Campaign::default() }),
            ..Config::default()
        };
        let d = NaiveDate::from_ymd_opt(2007, 10, 31).unwrap();
        let n = resolve(&config, &reg, d);
        // A tie goes to the issuer named first.
        assert_eq!(n.issuer, "县水利局");
        assert_eq!(n.title, "县水利局关于公布2007年行政规范性文件清理结果的通知");
        assert_eq!((n.recipients.as_str(), n.basis.as_str()), (DEFAULT_RECIPIENTS, DEFAULT_BASIS));
        assert_eq!((n.date, n.doc_number), (d, None));
    }

    #[test]
    fn set_values_win_and_lose_their_trailing_punctuation() {
        let reg = reg_with(&[]);
        let config = Config {
            notice: NoticeConfig {
                issuer: Some("永嘉县人民政府".into()),
                recipients: Some("各乡镇人民政府,县政府直属各单位:".into()),
                basis: Some("根据《浙江省行政规范性文件管理办法》规定,".into()),
                disclosure: Some("（此件公开发布）".into()),
                ..NoticeConfig::default()
            },
            ..Config::default()
        };
        let n = resolve(&config, &reg, NaiveDate::from_ymd_opt(2020, 1, 1).unwrap());
        assert_eq!(n.recipients, "各乡镇人民政府,县政府直属各单位");
        assert_eq!(n.basis, "根据《浙江省行政规范性文件管理办法》规定");
        assert_eq!(n.disclosure, "此件公开发布");
        assert_eq!(n.title, "永嘉县人民政府关于公布行政规范性文件清理结果的通知");
    }
}
