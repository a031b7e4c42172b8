//! The readers of `clauses`, on sentences taken from real documents.

use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A text: the title, then one paragraph per line.
fn text(lines: &[&str]) -> String {
    let mut t = String::from("标题\n\n");
    for l in lines {
        t.push_str(l);
        t.push_str("\n\n");
    }
    t
}

fn basis_of(lines: &[&str]) -> Vec<String> {
    let t = text(lines);
    read(&t).basis.map(|b| b.names).unwrap_or_default()
}

#[test]
fn citations_in_every_form() {
    // 不动产登记暂行条例 第一条.
    assert_eq!(
        basis_of(&[
            "第一条 为整合不动产登记职责，规范登记行为，方便群众申请登记，保护权利人合法权益，根据《中华人民共和国物权法》等法律，制定本条例。",
            "第二条 本条例所称不动产登记……"
        ]),
        ["中华人民共和国物权法"]
    );
    // 专利法实施细则 第一条: the short name after it is not a second law.
    assert_eq!(
        basis_of(&["第一条 根据《中华人民共和国专利法》（以下简称专利法），制定本细则。"]),
        ["中华人民共和国专利法"]
    );
    // A list, a version note, articles.
    assert_eq!(
        basis_of(&[
            "第一条 为了规范行政许可，根据《中华人民共和国行政许可法》（2019年修正）第十四条、《中华人民共和国行政处罚法》和《国务院关于〈行政许可法〉实施的决定》，制定本办法。"
        ]),
        ["中华人民共和国行政许可法", "中华人民共和国行政处罚法", "国务院关于〈行政许可法〉实施的决定"]
    );
    // No brackets.
    assert_eq!(
        split_plain(&basis_of(&["第一条 根据中华人民共和国土地管理法和城市房地产管理法，制定本办法。"])[0]),
        ["中华人民共和国土地管理法", "城市房地产管理法"]
    );
    // The whole span is kept for the law table to try first.
    assert_eq!(
        basis_of(&["第一条 根据中华人民共和国地方各级人民代表大会和地方各级人民政府组织法，制定本办法。"]),
        ["中华人民共和国地方各级人民代表大会和地方各级人民政府组织法"]
    );
    // Articles and quotations after an unbracketed name.
    assert_eq!(
        basis_of(&["第一条 为建立高等教育自学考试制度，根据宪法第十九条“鼓励自学成才”的规定，制定本条例。"]),
        ["宪法"]
    );
    // A short name given in brackets is not a second law; 为实施 is a basis.
    assert_eq!(
        basis_of(&[
            "第一条 为了推动企业进入市场，根据《中华人民共和国全民所有制工业企业法》(以下简称《企业法》)，制定本条例。"
        ]),
        ["中华人民共和国全民所有制工业企业法"]
    );
    assert_eq!(
        basis_of(&["为实施《中华人民共和国计量法》(以下简称计量法)，现对计量工作规定如下："]),
        ["中华人民共和国计量法"]
    );
    // 根据 needs no 制定; 按照 does.
    assert_eq!(
        basis_of(&["第一条 根据《中华人民共和国政府关于领海的声明》，琼州海峡是中国的内海。"]),
        ["中华人民共和国政府关于领海的声明"]
    );
    assert!(basis_of(&["第一条 请各单位按照《永嘉县采砂管理办法》认真执行。"]).is_empty());
    // 根据有关法律 names no law.
    assert!(basis_of(&["第一条 根据国家有关外商投资的法律规定和产业政策要求，制定本规定。"]).is_empty());
    assert_eq!(
        basis_of(&["第一条 为加强麻醉药品的管理，根据药品管理法和其他有关法律的规定，制定本条例。"]),
        ["药品管理法"]
    );
    assert!(basis_of(&["第一条 为了规范水路货物运输合同，根据有关法律，制定本细则。"]).is_empty());
    // A 通知 with no articles: the preamble.
    assert_eq!(
        basis_of(&[
            "各乡镇人民政府，县政府各部门：",
            "为加强河道采砂管理，依据《浙江省河道管理条例》等有关规定，结合我县实际，现就有关事项通知如下："
        ]),
        ["浙江省河道管理条例"]
    );
    // A later article citing a law is not the basis clause.
    assert!(
        basis_of(&[
            "第一条 为了保证个人存款账户的真实性，制定本规定。",
            "第二条 依照《中华人民共和国商业银行法》的规定办理。"
        ])
        .is_empty()
    );
}

#[test]
fn laws_elsewhere_are_mentions() {
    let t = text(&[
        "第一条 根据《中华人民共和国物权法》，制定本条例。",
        "第九条 违反本条例规定的，依照《中华人民共和国行政处罚法》处罚；《物权法》另有规定的从其规定。",
    ]);
    let r = read(&t);
    assert_eq!(r.mentions.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>(), ["中华人民共和国行政处罚法", "物权法"]);
    assert_eq!(r.sentences[r.mentions[0].0].article, Some("第九条"));
}

#[test]
fn both_date_clauses() {
    let t = text(&[
        "第一条 为了……，制定本办法。",
        "第二条 ……",
        "第三十五条 本条例自2015年3月1日起施行。本条例施行前公布的行政法规有关规定与本条例不一致的，以本条例为准。",
    ]);
    let r = read(&t);
    assert_eq!(r.effective.map(|e| e.1), Some(Effective::On(d("2015-03-01"))));
    assert_eq!(r.sentences[r.effective.unwrap().0].article, Some("第三十五条"));
    let cases: &[(&str, Option<Effective>, Option<Validity>)] = &[
        ("本办法自印发之日起施行，有效期5年。", Some(Effective::Issued), Some(Validity::Years(5))),
        ("本规定自公布之日起施行，有效期为二年。", Some(Effective::Promulgated), Some(Validity::Years(2))),
        (
            "本通知自2021年1月1日起施行，有效期至2025年12月31日。",
            Some(Effective::On(d("2021-01-01"))),
            Some(Validity::Until(d("2025-12-31"))),
        ),
        ("本办法自二〇二〇年一月一日起施行。", Some(Effective::On(d("2020-01-01"))), None),
        ("本办法自2019年10月1日起试行，试行期两年。", Some(Effective::On(d("2019-10-01"))), None),
        ("本办法有效期自2020年1月1日起至2024年12月31日止。", None, Some(Validity::Until(d("2024-12-31")))),
        ("本意见自发布之日起实施，有效期三年。", Some(Effective::Promulgated), Some(Validity::Years(3))),
        ("本办法有效期十年。", None, Some(Validity::Years(10))),
        ("本规定有效期为十五年。", None, Some(Validity::Years(15))),
        ("十二、本规定自修订发布之日起施行。", Some(Effective::Promulgated), None),
        ("第一百二十四条 本规则自2001年8月1日零时起施行。", Some(Effective::On(d("2001-08-01"))), None),
    ];
    for (s, e, v) in cases {
        let t = text(&["一、总体要求", "二、……", s]);
        let r = read(&t);
        assert_eq!(r.effective.map(|x| x.1), *e, "{s}");
        assert_eq!(r.validity.map(|x| x.1), *v, "{s}");
    }
    let t = text(&["本办法自2019年10月1日起试行。"]);
    assert!(read(&t).provisional.is_some());
}

#[test]
fn a_licences_validity_is_not_the_documents() {
    // In the body, and even in a closing article.
    let t = text(&[
        "第一条 为了……，制定本办法。",
        "第十条 采砂许可证有效期为3年。",
        "第十一条 有效期届满需要延续的，应当在届满30日前提出申请。",
        "第十二条 取得的资格证书有效期为五年，期满换发。",
        "第十三条 本办法自2008年1月1日起施行。",
    ]);
    let r = read(&t);
    assert_eq!(r.validity, None);
    assert_eq!(r.effective.map(|e| e.1), Some(Effective::On(d("2008-01-01"))));
    // A 施行 clause of another thing, in the body.
    let t = text(&[
        "第一条 为了……，制定本办法。",
        "第二条 许可证自颁发之日起生效。",
        "第三条 ……",
        "第四条 ……",
        "第五条 ……",
    ]);
    assert_eq!(read(&t).effective, None);
}

#[test]
fn a_supersession_sentence() {
    let t = text(&[
        "第一条 为了……，制定本办法。",
        "第二十条 本办法自2011年1月1日起施行。《永嘉县河道采砂管理办法》（永政发〔2005〕12号）同时废止。",
    ]);
    let r = read(&t);
    assert_eq!(
        r.supersedes.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>(),
        [Named {
            title: Some("永嘉县河道采砂管理办法".into()), number: Some("永政发〔2005〕12号".into())
        }]
    );
    let t = text(&[
        "本通知自印发之日起施行，原《关于加强采砂管理的通知》（永政办〔2009〕3号）、永政发〔2010〕3号文件同时废止。",
    ]);
    let got: Vec<Named> = read(&t).supersedes.into_iter().map(|(_, n)| n).collect();
    assert_eq!(got[0].number.as_deref(), Some("永政办〔2009〕3号"));
    let t = text(&["本通知自印发之日起施行，（永政发〔2010〕3号）同时废止。"]);
    assert_eq!(read(&t).supersedes[0].1.number.as_deref(), Some("永政发〔2010〕3号"));
}

#[test]
fn points_to_review() {
    let t = text(&[
        "第一条 为了……，制定本办法。",
        "第八条 未取得采砂许可证擅自采砂的，处1万元以上3万元以下罚款，没收违法所得。",
        "第九条 产品应当符合强制性国家标准。",
        "第十条 申请人应当缴纳保证金。",
    ]);
    let r = read(&t);
    let got: Vec<(Option<&str>, Vec<&str>)> =
        r.points.iter().map(|(i, p)| (r.sentences[*i].article, p.clone())).collect();
    assert_eq!(got, [(Some("第八条"), vec!["罚款", "没收", "行政许可"]), (Some("第十条"), vec!["保证金/押金"])]);
    // Words that overlap are each found: 没收 and 收费 in 没收费用, 强制 after 强制性.
    assert_eq!(points("依法没收费用"), ["没收", "收费"]);
    assert_eq!(points("不属于强制性标准的强制措施"), ["强制"]);
    assert!(points("符合强制性标准").is_empty());
}

#[test]
fn sentences_and_articles() {
    let t = "标题\n\n第一章 总则\n\n第一条 甲。乙；丙\n\n（一）丁。\n";
    let ss = sentences(t);
    assert_eq!(
        ss.iter().map(|s| s.text).collect::<Vec<_>>(),
        ["第一章 总则", "第一条 甲。", "乙；", "丙", "（一）丁。"]
    );
    assert_eq!(ss[4].article, Some("第一条"));
    assert_eq!(&t[ss[2].start..ss[2].start + ss[2].text.len()], "乙；");
    assert_eq!(article_label("第一百四十九条 本细则"), Some("第一百四十九条"));
    assert_eq!(article_label("第一章 总则"), None);
}

/// What the record also holds, each with the line it was read from.
#[derive(Debug, PartialEq)]
struct Facts {
    basis: Option<(u32, Vec<String>)>,
    effective: Option<(u32, Effective)>,
    validity: Option<(u32, Validity)>,
    provisional: Option<u32>,
}

fn facts(r: &Reading<'_>) -> Facts {
    let line = |at: usize| r.sentences[at].line;
    Facts {
        basis: r.basis.as_ref().map(|b| (line(b.at), b.names.clone())),
        effective: r.effective.map(|(at, e)| (line(at), e)),
        validity: r.validity.map(|(at, v)| (line(at), v)),
        provisional: r.provisional.map(line),
    }
}

proptest::proptest! {
    /// `check` reads only a text's opening and closing lines: it must find
    /// what reading the whole finds, in texts with and without articles,
    /// short and long, with a 施行 clause in the closing part, before it
    /// (an attachment after), or none.
    #[test]
    fn reading_the_outer_lines_finds_what_the_whole_does(
        picks in proptest::collection::vec(0usize..12, 0..40),
        articles in proptest::bool::ANY,
    ) {
        const PARAS: [&str; 12] = [
            "为了规范管理，根据《中华人民共和国行政许可法》，制定本办法。",
            "县人民政府有关部门按照职责做好管理工作。",
            "违反本办法的，处一千元以下罚款。",
            "本办法自2020年1月1日起施行，有效期5年。",
            "本通知自印发之日起试行。",
            "依照《中华人民共和国水法》的规定执行。",
            "附件：申请表",
            "有效期至2025年12月31日。",
            "许可证有效期为3年。",
            "本办法由县水利局负责解释。",
            "根据有关法律，结合本县实际，现就有关事项通知如下：",
            "（一）加强领导；（二）落实责任。",
        ];
        let lines: Vec<String> = picks
            .iter()
            .enumerate()
            .map(|(k, &p)| if articles && p % 3 != 2 { format!("第{}条 {}", k + 1, PARAS[p]) } else { PARAS[p].to_owned() })
            .collect();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let t = text(&lines);
        proptest::prop_assert_eq!(facts(&read_to(&t, Depth::Facts)), facts(&read(&t)));
    }
}
