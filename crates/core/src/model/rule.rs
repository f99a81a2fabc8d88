//! Scoring rules: how one indicator's score follows from its values.
//!
//! Each rule type is one seen in real scoring tables (docs/packs.md lists them with where each
//! comes from). Rules are data: they are stored in framework packs and in the
//! draft, and the user may change them per indicator. Scores here are exact; evaluation rounds
//! each indicator's score half-up to two decimals before adding it to the total.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::base::json::members::{deserialize_members, deserialize_names};
use crate::base::number::{fmt2, fmt_plain, in_range, TOO_LARGE};

/// 指标性质.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Nature {
    /// 等于 (=): full marks on the target, proportionally less either side.
    #[serde(rename = "=")]
    Eq,
    /// 正向 (≥): the more the better.
    #[default]
    #[serde(rename = "≥", alias = ">=")]
    Ge,
    /// 反向 (≤): the less the better.
    #[serde(rename = "≤", alias = "<=")]
    Le,
    /// 定性: judged, not measured.
    #[serde(rename = "定性")]
    Qualitative,
}

deserialize_names!(Nature { Eq = "=", Ge = "≥" | ">=", Le = "≤" | "<=", Qualitative = "定性" });

impl Nature {
    pub const ALL: [Nature; 4] = [Nature::Ge, Nature::Le, Nature::Eq, Nature::Qualitative];

    /// 指标性质 as people and tables write it: the symbols, their ASCII and full-width forms,
    /// and the words (正向, 不低于, 定量 for ≥; 反向, 不高于 for ≤).
    pub fn read(text: &str) -> Option<Nature> {
        Some(match text.trim() {
            "≥" | ">=" | "＞＝" | "≧" | "大于等于" | "不低于" | "正向" | "定量" => {
                Nature::Ge
            }
            "≤" | "<=" | "＜＝" | "≦" | "小于等于" | "不高于" | "反向" => Nature::Le,
            "=" | "＝" | "等于" => Nature::Eq,
            "定性" => Nature::Qualitative,
            _ => return None,
        })
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Nature::Eq => "=",
            Nature::Ge => "≥",
            Nature::Le => "≤",
            Nature::Qualitative => "定性",
        }
    }
}

/// How an indicator is scored.
// Written as serde's internally tagged form (`type` beside the members); read through
// `RuleFile` below, not serde's derive.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Rule {
    /// 按比例得分，满分为止: the completion value is a percentage; score = 权重 × min(值, 100%).
    /// E.g. 执行率 76% × 权重 10 = 7.60.
    Proportional,
    /// Completion against the target, by 指标性质: ≥ scores 完成值/指标值 × 权重, ≤ scores
    /// 指标值/完成值 × 权重, = scores the smaller of the two; full marks when the target is met.
    #[default]
    Ratio,
    /// 达标得满分，每超出（或低于）一个单位扣 `per_unit` 分，扣完为止.
    /// E.g. 人员控制率 ≤100% 得满分, 每超一个百分点扣 0.5 分.
    Deduct {
        /// The threshold (e.g. 100 for 100%).
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        limit: Decimal,
        /// Points deducted per unit beyond it.
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        per_unit: Decimal,
        /// Whether exceeding (`over`) or falling short of (`under`) the limit is penalised.
        #[serde(default)]
        direction: Direction,
        /// Count a started unit as a whole one (103.2% → 4 points over) instead of exactly.
        #[serde(default, skip_serializing_if = "is_false")]
        whole_units: bool,
    },
    /// 分档计分: the first band that contains the completion value gives its points.
    Bands { bands: Vec<Band> },
    /// 逐项计分: `add` gives `per_item` per item met, up to the weight; `deduct` takes
    /// `per_item` per item breached, down to 0. Items are ticked in [`crate::model::Indicator::checked`];
    /// with no item list, the completion value is the count.
    Checklist {
        #[serde(default)]
        items: Vec<String>,
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        per_item: Decimal,
        #[serde(default)]
        mode: ChecklistMode,
    },
    /// 定性评价: the grade given maps to a coefficient (%) of the weight.
    Grade { ladder: Vec<GradeStep> },
    /// 得分 typed by hand.
    Manual,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Which rule a file names in `type`.
#[derive(Clone, Copy, Default)]
enum RuleType {
    Proportional,
    // only the start of a read: a rule without its `type` is refused
    #[default]
    Ratio,
    Deduct,
    Bands,
    Checklist,
    Grade,
    Manual,
}

deserialize_names!(RuleType { Proportional = "proportional", Ratio = "ratio", Deduct = "deduct", Bands = "bands", Checklist = "checklist", Grade = "grade", Manual = "manual" });

/// A rule as a file writes it: `type` and the members any rule may have. Read as this flat
/// object rather than by serde's derive for an internally tagged enum, which first copies the
/// object into serde's generic `Content` and reads the variant from that copy: 24 KB of the
/// app's wasm for this one type, and an error inside a rule lost its place.
#[derive(Default)]
struct RuleFile {
    kind: RuleType,
    limit: Option<Decimal>,
    per_unit: Option<Decimal>,
    direction: Direction,
    whole_units: bool,
    bands: Option<Vec<Band>>,
    items: Vec<String>,
    per_item: Option<Decimal>,
    mode: ChecklistMode,
    ladder: Option<Vec<GradeStep>>,
}

deserialize_members!(RuleFile { kind = "type": required, limit, per_unit, direction, whole_units, bands, items, per_item, mode, ladder });

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        fn need<T, E: serde::de::Error>(v: Option<T>, name: &'static str) -> Result<T, E> {
            v.ok_or_else(|| E::missing_field(name))
        }
        let f = RuleFile::deserialize(d)?;
        Ok(match f.kind {
            RuleType::Proportional => Rule::Proportional,
            RuleType::Ratio => Rule::Ratio,
            RuleType::Deduct => Rule::Deduct {
                limit: need(f.limit, "limit")?,
                per_unit: need(f.per_unit, "per_unit")?,
                direction: f.direction,
                whole_units: f.whole_units,
            },
            RuleType::Bands => Rule::Bands {
                bands: need(f.bands, "bands")?,
            },
            RuleType::Checklist => Rule::Checklist {
                items: f.items,
                per_item: need(f.per_item, "per_item")?,
                mode: f.mode,
            },
            RuleType::Grade => Rule::Grade {
                ladder: need(f.ladder, "ladder")?,
            },
            RuleType::Manual => Rule::Manual,
        })
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    Over,
    Under,
}

deserialize_names!(Direction { Over = "over", Under = "under" });

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChecklistMode {
    #[default]
    Add,
    Deduct,
}

deserialize_names!(ChecklistMode { Add = "add", Deduct = "deduct" });

/// One band of a [`Rule::Bands`] rule. Unset bounds are open; all set bounds must hold.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Band {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub gt: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub gte: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub lt: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub lte: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub points: Decimal,
}

deserialize_members!(Band {
    gt,
    gte,
    lt,
    lte,
    points
});

impl Band {
    pub fn contains(&self, v: Decimal) -> bool {
        self.gt.is_none_or(|b| v > b)
            && self.gte.is_none_or(|b| v >= b)
            && self.lt.is_none_or(|b| v < b)
            && self.lte.is_none_or(|b| v <= b)
    }

    /// The band as the forms write it, e.g. "≥80%且<90%", "=0".
    pub fn describe(&self, unit: &str) -> String {
        if let (Some(a), Some(b)) = (self.gte, self.lte) {
            if a == b {
                return format!("={}", with_unit(&fmt_plain(a), unit));
            }
        }
        let parts: Vec<String> = [
            (self.gt, ">"),
            (self.gte, "≥"),
            (self.lt, "<"),
            (self.lte, "≤"),
        ]
        .iter()
        .filter_map(|(b, sym)| b.map(|b| format!("{sym}{}", with_unit(&fmt_plain(b), unit))))
        .collect();
        if parts.is_empty() {
            "其他".to_string()
        } else {
            parts.join("且")
        }
    }
}

/// Bands as the editor writes them, one per line: `≥80 <90 → 4`, `=0 → 3`, `<60 → 0`.
pub fn bands_text(bands: &[Band]) -> String {
    bands
        .iter()
        .map(|b| {
            format!(
                "{} → {}",
                b.describe("").replace('且', " "),
                fmt_plain(b.points)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Read bands written as [`bands_text`] does; `>=`, `<=`, `->` are accepted too.
pub fn parse_bands(text: &str) -> Result<Vec<Band>, String> {
    let mut bands = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let bad = |why: &str| format!("第 {} 行“{}”{why}", n + 1, line.trim());
        let line = line
            .replace("->", "→")
            .replace(">=", "≥")
            .replace("<=", "≤");
        let (cond, points) = line.split_once('→').ok_or_else(|| bad("缺少“→ 分数”"))?;
        let points: Decimal = points.trim().parse().map_err(|_| bad("的分数不是数字"))?;
        let mut band = Band {
            points,
            ..Band::default()
        };
        // "其他" (everything else) is a band without bounds
        let cond = if cond.trim() == "其他" { "" } else { cond };
        for part in cond.split_whitespace() {
            let (op, rest) = part.split_at(part.chars().next().map_or(0, char::len_utf8));
            let v: Decimal = rest
                .trim_end_matches('%')
                .parse()
                .map_err(|_| bad("的条件应写成 ≥80、<90、=0 这样"))?;
            match op {
                "≥" => band.gte = Some(v),
                ">" => band.gt = Some(v),
                "≤" => band.lte = Some(v),
                "<" => band.lt = Some(v),
                "=" => {
                    band.gte = Some(v);
                    band.lte = Some(v);
                }
                _ => return Err(bad("的条件应写成 ≥80、<90、=0 这样")),
            }
        }
        bands.push(band);
    }
    if bands.is_empty() {
        return Err("至少需要一档".into());
    }
    Ok(bands)
}

impl Rule {
    /// The rule's parameters as one text, for editing a pack: a deduction as
    /// `限值 100 每单位扣 0.5 超过`, bands one per line, a checklist as `每项 1 分 加分` then one
    /// item per line, a ladder as `优=100 良=80`; rules without parameters give "".
    pub fn params_text(&self) -> String {
        match self {
            Rule::Deduct {
                limit,
                per_unit,
                direction,
                whole_units,
            } => format!(
                "限值 {} 每单位扣 {} {}{}",
                fmt_plain(*limit),
                fmt_plain(*per_unit),
                if *direction == Direction::Under {
                    "低于"
                } else {
                    "超过"
                },
                if *whole_units { " 按整数计" } else { "" }
            ),
            Rule::Bands { bands } => bands_text(bands),
            Rule::Checklist {
                items,
                per_item,
                mode,
            } => {
                let head = format!(
                    "每项 {} 分 {}",
                    fmt_plain(*per_item),
                    if *mode == ChecklistMode::Deduct {
                        "扣分"
                    } else {
                        "加分"
                    }
                );
                std::iter::once(head)
                    .chain(items.iter().cloned())
                    .collect::<Vec<_>>()
                    .join("\n")
            }
            Rule::Grade { ladder } => ladder_text(ladder),
            Rule::Proportional | Rule::Ratio | Rule::Manual => String::new(),
        }
    }

    /// A rule of `kind` with parameters read from `text` as [`Rule::params_text`] writes them;
    /// blank text gives the kind's defaults.
    pub fn from_params(kind: &str, text: &str) -> Result<Rule, String> {
        let rule = Rule::default_of(kind);
        if text.trim().is_empty() {
            return Ok(rule);
        }
        let num = |t: &str, what: &str| -> Result<Decimal, String> {
            crate::base::number::parse_number(what, t)
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("缺少{what}"))
        };
        Ok(match rule {
            Rule::Deduct { .. } => {
                let words: Vec<&str> = text.split_whitespace().collect();
                let after = |key: &str| {
                    words
                        .iter()
                        .position(|w| *w == key)
                        .and_then(|i| words.get(i + 1))
                        .copied()
                        .ok_or_else(|| format!("应写成“限值 100 每单位扣 0.5 超过”，缺少“{key}”"))
                };
                Rule::Deduct {
                    limit: num(after("限值")?, "限值")?,
                    per_unit: num(after("每单位扣")?, "每单位扣分")?,
                    direction: if words.contains(&"低于") {
                        Direction::Under
                    } else {
                        Direction::Over
                    },
                    whole_units: words.contains(&"按整数计"),
                }
            }
            Rule::Bands { .. } => Rule::Bands {
                bands: parse_bands(text)?,
            },
            Rule::Checklist { .. } => {
                let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
                let head = lines.next().unwrap_or_default();
                let words: Vec<&str> = head.split_whitespace().collect();
                if words.first() != Some(&"每项") {
                    return Err("第一行应写成“每项 1 分 加分”（或“扣分”）".into());
                }
                Rule::Checklist {
                    per_item: num(words.get(1).copied().unwrap_or_default(), "每项分值")?,
                    mode: if head.contains("扣分") {
                        ChecklistMode::Deduct
                    } else {
                        ChecklistMode::Add
                    },
                    items: lines.map(String::from).collect(),
                }
            }
            Rule::Grade { .. } => Rule::Grade {
                ladder: parse_ladder(text)?,
            },
            Rule::Proportional | Rule::Ratio | Rule::Manual => {
                return Err("这种评分规则没有参数，请清空".into())
            }
        })
    }
}

/// A ladder as the editor writes it: `优=100 良=80 中=60 差=0`.
pub fn ladder_text(ladder: &[GradeStep]) -> String {
    ladder
        .iter()
        .map(|s| format!("{}={}", s.label, fmt_plain(s.coefficient)))
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn parse_ladder(text: &str) -> Result<Vec<GradeStep>, String> {
    let steps = text
        .split_whitespace()
        .map(|part| {
            let (label, c) = part
                .split_once('=')
                .ok_or_else(|| format!("“{part}”应写成 等级=系数，如 良=80"))?;
            let coefficient: Decimal = c
                .trim_end_matches('%')
                .parse()
                .map_err(|_| format!("“{part}”的系数不是数字"))?;
            Ok(GradeStep {
                label: label.to_string(),
                coefficient,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    if steps.is_empty() {
        return Err("至少需要一个等级".into());
    }
    Ok(steps)
}

/// One step of a qualitative ladder: grade label → coefficient in percent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GradeStep {
    pub label: String,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub coefficient: Decimal,
}

deserialize_members!(GradeStep {
    label: required,
    coefficient: required
});

/// The words real tables write for a 定性 target or result, with the share of the weight each
/// earns: 高/较高/好/较好/一般/差, 优/良/中/差, 达标/基本达标/未达标. A pack may carry its own.
pub fn qualitative_ladder() -> Vec<GradeStep> {
    [
        ("高", 100),
        ("较高", 80),
        ("好", 100),
        ("较好", 80),
        ("一般", 60),
        ("较差", 30),
        ("差", 0),
        ("优", 100),
        ("良", 80),
        ("中", 60),
        ("达标", 100),
        ("基本达标", 60),
        ("未达标", 0),
        ("完成", 100),
        ("按期完成", 100),
        ("基本完成", 80),
        ("未完成", 0),
        // as real 自评表 write them too
        ("优秀", 100),
        ("良好", 80),
        ("合格", 100),
        ("不合格", 0),
        ("及格", 60),
        ("不及格", 0),
        ("满意", 100),
        ("比较满意", 80),
        ("较满意", 80),
        ("基本满意", 60),
        ("不满意", 0),
    ]
    .into_iter()
    .map(|(label, c)| GradeStep {
        label: label.to_string(),
        coefficient: Decimal::from(c),
    })
    .collect()
}

/// The default qualitative ladder: 优 100%, 良 80%, 中 60%, 差 0% (typical; configurable).
pub fn default_ladder() -> Vec<GradeStep> {
    [("优", 100), ("良", 80), ("中", 60), ("差", 0)]
        .into_iter()
        .map(|(label, c)| GradeStep {
            label: label.to_string(),
            coefficient: Decimal::from(c),
        })
        .collect()
}

/// What a rule needs to score one indicator, already parsed.
#[derive(Debug, Clone)]
pub struct Inputs<'a> {
    pub nature: Nature,
    pub unit: &'a str,
    pub weight: Decimal,
    /// The target in force: 调整指标值 if set, else 年初指标值.
    pub target: Option<Decimal>,
    /// The completion value as a number, when it is one.
    pub actual: Option<Decimal>,
    /// The completion value as typed (the grade label for qualitative rules).
    pub actual_text: &'a str,
    /// What the completion value is called in explanations ("完成值", "执行率").
    pub actual_label: &'a str,
    pub checked: &'a [String],
    pub manual: Option<Decimal>,
}

/// A rule's verdict on one indicator.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The exact score and a one-line explanation in Chinese.
    Scored { score: Decimal, explanation: String },
    /// Cannot be scored yet; the message says what is missing.
    Pending(String),
}

impl Rule {
    /// Every kind of rule: its name in files (the `type` tag) and its label in the editor.
    /// A new kind is added here, in [`Rule::kind`] and [`Rule::default_of`], in its editor arm
    /// and in docs/packs.md.
    pub const KINDS: [(&'static str, &'static str); 7] = [
        ("proportional", "按比例计分（满分为止）"),
        ("ratio", "完成值与目标值比较"),
        ("deduct", "达标满分、超出扣分"),
        ("bands", "分档计分"),
        ("checklist", "逐项计分"),
        ("grade", "定性等级系数"),
        ("manual", "手工评分"),
    ];

    /// The kind's name in files.
    pub fn kind(&self) -> &'static str {
        match self {
            Rule::Proportional => "proportional",
            Rule::Ratio => "ratio",
            Rule::Deduct { .. } => "deduct",
            Rule::Bands { .. } => "bands",
            Rule::Checklist { .. } => "checklist",
            Rule::Grade { .. } => "grade",
            Rule::Manual => "manual",
        }
    }

    /// A sensible starting rule of `kind` (a name from [`Rule::KINDS`]; others give `Ratio`).
    pub fn default_of(kind: &str) -> Rule {
        let d = Decimal::from;
        match kind {
            "proportional" => Rule::Proportional,
            "deduct" => Rule::Deduct {
                limit: d(100),
                per_unit: Decimal::new(5, 1),
                direction: Direction::Over,
                whole_units: false,
            },
            "bands" => Rule::Bands {
                bands: vec![Band {
                    gte: Some(d(90)),
                    points: d(5),
                    ..Band::default()
                }],
            },
            "checklist" => Rule::Checklist {
                items: vec![],
                per_item: d(1),
                mode: ChecklistMode::Add,
            },
            "grade" => Rule::Grade {
                ladder: default_ladder(),
            },
            "manual" => Rule::Manual,
            _ => Rule::Ratio,
        }
    }

    /// Whether the rule reads a numeric completion value.
    pub fn needs_number(&self) -> bool {
        matches!(
            self,
            Rule::Proportional | Rule::Ratio | Rule::Deduct { .. } | Rule::Bands { .. }
        )
    }

    /// Every number the rule itself carries (they come from files, not through the parser).
    fn parameters(&self) -> Vec<Decimal> {
        match self {
            Rule::Deduct {
                limit, per_unit, ..
            } => vec![*limit, *per_unit],
            Rule::Bands { bands } => bands
                .iter()
                .flat_map(|b| [b.gt, b.gte, b.lt, b.lte, Some(b.points)])
                .flatten()
                .collect(),
            Rule::Checklist { per_item, .. } => vec![*per_item],
            Rule::Grade { ladder } => ladder.iter().map(|s| s.coefficient).collect(),
            Rule::Proportional | Rule::Ratio | Rule::Manual => Vec::new(),
        }
    }

    /// Score the inputs. Every input and parameter must lie within the parser's range (one
    /// trillion): then no product or quotient below can overflow `Decimal` (whose operators
    /// panic), since the ratio rules divide only to shrink (v < t for v ÷ t).
    pub fn score(&self, x: &Inputs) -> Outcome {
        let inputs = [Some(x.weight), x.target, x.actual, x.manual];
        if !inputs
            .into_iter()
            .flatten()
            .chain(self.parameters())
            .all(in_range)
        {
            return Outcome::Pending(TOO_LARGE.into());
        }
        self.score_in_range(x)
    }

    fn score_in_range(&self, x: &Inputs) -> Outcome {
        let w = x.weight;
        let wt = fmt_plain(w);
        match self {
            Rule::Manual => match x.manual {
                Some(s) => scored(s, format!("手工评分 {}", fmt2(s))),
                None => Outcome::Pending("请填写得分".into()),
            },
            Rule::Grade { ladder } => {
                let given = x.actual_text.trim();
                if given.is_empty() {
                    return Outcome::Pending("请填写定性评价等级".into());
                }
                match ladder.iter().find(|s| s.label == given) {
                    Some(step) => {
                        let s = w * step.coefficient / Decimal::ONE_HUNDRED;
                        scored(
                            s,
                            format!(
                                "评定“{given}”，得分系数 {}% × 权重 {wt} = {}",
                                fmt_plain(step.coefficient),
                                fmt2(s)
                            ),
                        )
                    }
                    None => Outcome::Pending(format!(
                        "定性评价“{given}”不在等级表中（可选：{}）",
                        ladder
                            .iter()
                            .map(|s| s.label.as_str())
                            .collect::<Vec<_>>()
                            .join("、")
                    )),
                }
            }
            Rule::Checklist {
                items,
                per_item,
                mode,
            } => {
                let (count, of) = if items.is_empty() {
                    match x.actual {
                        Some(n) => (n, None),
                        None => return Outcome::Pending("请填写符合（或违规）的项数".into()),
                    }
                } else {
                    let n = items.iter().filter(|i| x.checked.contains(i)).count();
                    (Decimal::from(n), Some(items.len()))
                };
                let of = of.map(|n| format!("/{n}")).unwrap_or_default();
                let per = fmt_plain(*per_item);
                match mode {
                    ChecklistMode::Add => {
                        let raw = count * per_item;
                        let s = raw.min(w).max(Decimal::ZERO);
                        let cap = if raw > w { "，满分为止" } else { "" };
                        scored(
                            s,
                            format!(
                                "符合 {}{of} 项 × 每项 {per} 分{cap} = {}",
                                fmt_plain(count),
                                fmt2(s)
                            ),
                        )
                    }
                    ChecklistMode::Deduct => deduction(
                        w,
                        count * per_item,
                        format!("违规 {}{of} 项 × 每项扣 {per} 分", fmt_plain(count)),
                    ),
                }
            }
            _ => {
                let Some(v) = x.actual else {
                    return Outcome::Pending(format!("请填写{}", x.actual_label));
                };
                self.score_number(x, v)
            }
        }
    }

    fn score_number(&self, x: &Inputs, v: Decimal) -> Outcome {
        let w = x.weight;
        let wt = fmt_plain(w);
        let unit = x.unit;
        let name = x.actual_label;
        let hundred = Decimal::ONE_HUNDRED;
        match self {
            Rule::Proportional => {
                let shown = format!("{name} {}%", fmt2(v));
                if v >= hundred {
                    scored(w, format!("{shown} 达到 100%，得满分 {}", fmt2(w)))
                } else if v <= Decimal::ZERO {
                    scored(Decimal::ZERO, format!("{shown}，得 0.00"))
                } else {
                    let s = w * v / hundred;
                    scored(s, format!("{shown} × 权重 {wt} = {}", fmt2(s)))
                }
            }
            Rule::Ratio => {
                if x.nature == Nature::Qualitative {
                    return Outcome::Pending("定性指标不能按比例计分，请改用定性等级系数".into());
                }
                let Some(t) = x.target else {
                    return Outcome::Pending("请填写指标值（目标值）".into());
                };
                let (a, b) = (fmt_plain(v), fmt_plain(t));
                let met = match x.nature {
                    Nature::Ge => v >= t,
                    Nature::Le => v <= t,
                    _ => v == t,
                };
                if met {
                    let sym = x.nature.symbol();
                    return scored(
                        w,
                        format!(
                            "{name} {} {sym} 目标值 {}，得满分 {}",
                            with_unit(&a, unit),
                            with_unit(&b, unit),
                            fmt2(w)
                        ),
                    );
                }
                if v <= Decimal::ZERO || t <= Decimal::ZERO {
                    return if x.nature == Nature::Ge && v <= Decimal::ZERO {
                        scored(
                            Decimal::ZERO,
                            format!("{name} {}，得 0.00", with_unit(&a, unit)),
                        )
                    } else {
                        Outcome::Pending(
                            "目标值或完成值不是正数，无法按比例计分，请改用扣分或分档规则".into(),
                        )
                    };
                }
                // below target for ≥, above it for ≤; for =, whichever side it misses on
                let below = v < t;
                let s = if below { w * v / t } else { w * t / v };
                let text = if below {
                    format!(
                        "{name} {} ÷ 目标值 {} × 权重 {wt} = {}",
                        with_unit(&a, unit),
                        with_unit(&b, unit),
                        fmt2(s)
                    )
                } else {
                    format!(
                        "目标值 {} ÷ {name} {} × 权重 {wt} = {}",
                        with_unit(&b, unit),
                        with_unit(&a, unit),
                        fmt2(s)
                    )
                };
                scored(s, text)
            }
            Rule::Deduct {
                limit,
                per_unit,
                direction,
                whole_units,
            } => {
                let beyond = match direction {
                    Direction::Over => v - limit,
                    Direction::Under => limit - v,
                };
                let (verb, ok) = match direction {
                    Direction::Over => ("超过", "≤"),
                    Direction::Under => ("低于", "≥"),
                };
                let lim = fmt_plain(*limit);
                let shown = format!("{name} {}", with_unit(&fmt_plain(v), unit));
                if beyond <= Decimal::ZERO {
                    return scored(
                        w,
                        format!("{shown} {ok} {}，得满分 {}", with_unit(&lim, unit), fmt2(w)),
                    );
                }
                let units = if *whole_units { beyond.ceil() } else { beyond };
                let per_what = if unit == "%" {
                    "百分点"
                } else {
                    "个单位"
                };
                deduction(
                    w,
                    units * per_unit,
                    format!(
                        "{shown} {verb} {} {} 个{per_what}，每个扣 {} 分",
                        with_unit(&lim, unit),
                        fmt_plain(units),
                        fmt_plain(*per_unit)
                    ),
                )
            }
            Rule::Bands { bands } => {
                let shown = format!("{name} {}", with_unit(&fmt_plain(v), unit));
                match bands.iter().find(|b| b.contains(v)) {
                    Some(b) => scored(
                        b.points,
                        format!("{shown} 属“{}”档，得 {}", b.describe(unit), fmt2(b.points)),
                    ),
                    None => scored(Decimal::ZERO, format!("{shown} 不在任何计分档内，得 0.00")),
                }
            }
            // handled in `score`
            Rule::Manual | Rule::Grade { .. } | Rule::Checklist { .. } => unreachable!(),
        }
    }
}

/// A figure with its unit as the UI writes it: "30 项", "4051.83 万元", but "98.49%".
pub fn with_unit(value: &str, unit: &str) -> String {
    match unit {
        "" | "%" => format!("{value}{unit}"),
        u => format!("{value} {u}"),
    }
}

fn scored(score: Decimal, explanation: String) -> Outcome {
    Outcome::Scored { score, explanation }
}

/// Full weight less a deduction, floored at zero ("扣完为止").
fn deduction(weight: Decimal, minus: Decimal, what: String) -> Outcome {
    let s = (weight - minus).max(Decimal::ZERO);
    let tail = if weight - minus < Decimal::ZERO {
        "，扣完为止".to_string()
    } else {
        String::new()
    };
    scored(
        s,
        format!(
            "{what}：{} − {}{tail} = {}",
            fmt_plain(weight),
            fmt_plain(minus),
            fmt2(s)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each kind's default rule and every rule of the built-in packs.
    fn every_rule() -> Vec<Rule> {
        let mut rules: Vec<Rule> = Rule::KINDS
            .iter()
            .map(|(k, _)| Rule::default_of(k))
            .collect();
        for p in crate::model::pack::Pack::builtin() {
            rules.extend(p.indicators.iter().map(|i| i.rule.clone()));
        }
        rules
    }

    #[test]
    fn a_rules_parameters_as_text_read_back_as_the_same_rule() {
        let rules = every_rule();
        for r in rules {
            let text = r.params_text();
            assert_eq!(Rule::from_params(r.kind(), &text).unwrap(), r, "{text}");
        }
        assert!(Rule::from_params("deduct", "限值 一百").is_err());
        let whole = Rule::from_params("deduct", "限值 100 每单位扣 0.5 超过 按整数计").unwrap();
        assert!(matches!(
            whole,
            Rule::Deduct {
                whole_units: true,
                ..
            }
        ));
        assert_eq!(
            Rule::from_params("deduct", &whole.params_text()).unwrap(),
            whole
        );
        assert!(Rule::from_params("checklist", "一项\n二项").is_err());
        assert!(Rule::from_params("ratio", "100").is_err());
    }

    #[test]
    fn every_kind_has_a_default_of_that_kind_whose_file_name_matches() {
        for (kind, _) in Rule::KINDS {
            let rule = Rule::default_of(kind);
            assert_eq!(rule.kind(), kind);
            let json = serde_json::to_value(&rule).unwrap();
            assert_eq!(json["type"], kind);
        }
    }

    #[test]
    fn every_rule_reads_back_from_its_file_form_and_a_bad_one_says_what_is_wrong() {
        let mut rules = every_rule();
        rules.push(Rule::from_params("deduct", "限值 100 每单位扣 0.5 低于 按整数计").unwrap());
        for r in rules {
            let text = serde_json::to_string(&r).unwrap();
            let back: Rule = crate::base::json::from_text(&text).unwrap();
            assert_eq!(back, r, "{text}");
        }
        let err = |t: &str| crate::base::json::from_text::<Rule>(t).unwrap_err().0;
        assert_eq!(
            err(r#"{"type":"deduct","per_unit":"0.5"}"#),
            "missing field `limit`"
        );
        assert_eq!(err(r#"{"per_item":"1"}"#), "missing field `type`");
        assert!(err(r#"{"type":"lottery"}"#).starts_with("unknown variant `lottery`"));
        // members of other rules are let be, as before
        let ratio: Rule = crate::base::json::from_text(r#"{"type":"ratio","limit":"1"}"#).unwrap();
        assert_eq!(ratio, Rule::Ratio);
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn inputs<'a>(
        nature: Nature,
        unit: &'a str,
        weight: &str,
        target: Option<&str>,
        actual: &'a str,
    ) -> Inputs<'a> {
        Inputs {
            nature,
            unit,
            weight: d(weight),
            target: target.map(d),
            actual: actual.parse().ok(),
            actual_text: actual,
            actual_label: "完成值",
            checked: &[],
            manual: None,
        }
    }

    fn run(rule: &Rule, x: &Inputs) -> (String, String) {
        match rule.score(x) {
            Outcome::Scored { score, explanation } => (fmt2(score), explanation),
            Outcome::Pending(m) => ("pending".into(), m),
        }
    }

    #[test]
    fn proportional_chongqing_execution_rate() {
        // 重庆 部门整体绩效自评表: 执行率 76%, 权重 10, 得分 7.6
        let mut x = inputs(Nature::Ge, "%", "10", None, "76");
        x.actual_label = "执行率";
        let (s, e) = run(&Rule::Proportional, &x);
        assert_eq!(s, "7.60");
        assert_eq!(e, "执行率 76.00% × 权重 10 = 7.60");
        // capped at the weight: 满分为止
        x.actual = Some(d("104.5"));
        assert_eq!(run(&Rule::Proportional, &x).0, "10.00");
        x.actual = Some(d("-3"));
        assert_eq!(run(&Rule::Proportional, &x).0, "0.00");
    }

    #[test]
    fn deduct_per_point_yueyang_staff_control_rate() {
        // 岳阳: 财政供养人员控制率 5 分, ≤100% 满分, 每超过一个百分点扣 0.5 分, 扣完为止
        let rule = Rule::Deduct {
            limit: d("100"),
            per_unit: d("0.5"),
            direction: Direction::Over,
            whole_units: false,
        };
        // 茂名发改局: 57 / 63 = 90.48% → within the limit
        let (s, e) = run(&rule, &inputs(Nature::Le, "%", "5", Some("100"), "90.48"));
        assert_eq!(
            (s.as_str(), e.as_str()),
            ("5.00", "完成值 90.48% ≤ 100%，得满分 5.00")
        );
        let (s, e) = run(&rule, &inputs(Nature::Le, "%", "5", Some("100"), "103"));
        assert_eq!(s, "3.50");
        assert_eq!(
            e,
            "完成值 103% 超过 100% 3 个百分点，每个扣 0.5 分：5 − 1.5 = 3.50"
        );
        // floored at 0
        let (s, e) = run(&rule, &inputs(Nature::Le, "%", "5", Some("100"), "112"));
        assert_eq!(s, "0.00");
        assert!(e.contains("扣完为止"), "{e}");
        // 三公经费控制率 6 分, 每超一个百分点扣 1 分; a started point counts when whole_units is set
        let rule = Rule::Deduct {
            limit: d("100"),
            per_unit: d("1"),
            direction: Direction::Over,
            whole_units: true,
        };
        assert_eq!(
            run(&rule, &inputs(Nature::Le, "%", "6", None, "102.3")).0,
            "3.00"
        );
        // falling short of a floor
        let rule = Rule::Deduct {
            limit: d("95"),
            per_unit: d("0.3"),
            direction: Direction::Under,
            whole_units: false,
        };
        assert_eq!(
            run(&rule, &inputs(Nature::Ge, "%", "3", None, "90")).0,
            "1.50"
        );
    }

    fn yueyang_key_spending() -> Rule {
        // 岳阳 重点支出安排率 5 分: ≥90% 5; [80,90) 4; [70,80) 3; [60,70) 2; <60 0
        let b = |gte: Option<&str>, lt: Option<&str>, p: &str| Band {
            gte: gte.map(d),
            lt: lt.map(d),
            points: d(p),
            ..Band::default()
        };
        Rule::Bands {
            bands: vec![
                b(Some("90"), None, "5"),
                b(Some("80"), Some("90"), "4"),
                b(Some("70"), Some("80"), "3"),
                b(Some("60"), Some("70"), "2"),
                b(None, Some("60"), "0"),
            ],
        }
    }

    #[test]
    fn step_bands() {
        let rule = yueyang_key_spending();
        let x = |v| inputs(Nature::Ge, "%", "5", None, v);
        assert_eq!(run(&rule, &x("95")).0, "5.00");
        assert_eq!(run(&rule, &x("90")).0, "5.00");
        let (s, e) = run(&rule, &x("85"));
        assert_eq!(s, "4.00");
        assert_eq!(e, "完成值 85% 属“≥80%且<90%”档，得 4.00");
        assert_eq!(run(&rule, &x("79.99")).0, "3.00");
        assert_eq!(run(&rule, &x("60")).0, "2.00");
        assert_eq!(run(&rule, &x("59.9")).0, "0.00");
        // 岳阳 预算调整率 3 分: =0 → 3; (0,10%] → 2; (10,20%] → 1; (20,30%] → 0.5; >30% → 0
        let rule = Rule::Bands {
            bands: vec![
                Band {
                    gte: Some(d("0")),
                    lte: Some(d("0")),
                    points: d("3"),
                    ..Band::default()
                },
                Band {
                    gt: Some(d("0")),
                    lte: Some(d("10")),
                    points: d("2"),
                    ..Band::default()
                },
                Band {
                    gt: Some(d("10")),
                    lte: Some(d("20")),
                    points: d("1"),
                    ..Band::default()
                },
                Band {
                    gt: Some(d("20")),
                    lte: Some(d("30")),
                    points: d("0.5"),
                    ..Band::default()
                },
            ],
        };
        let x = |v| inputs(Nature::Le, "%", "3", None, v);
        let (s, e) = run(&rule, &x("0"));
        assert_eq!(
            (s.as_str(), e.as_str()),
            ("3.00", "完成值 0% 属“=0%”档，得 3.00")
        );
        assert_eq!(run(&rule, &x("10")).0, "2.00");
        assert_eq!(run(&rule, &x("10.5")).0, "1.00");
        assert_eq!(run(&rule, &x("30")).0, "0.50");
        let (s, e) = run(&rule, &x("31"));
        assert_eq!(s, "0.00");
        assert!(e.contains("不在任何计分档内"));
    }

    #[test]
    fn checklist_add_and_deduct() {
        // 岳阳 管理制度健全性 3 分: three items, 1 point each
        let rule = Rule::Checklist {
            items: vec![
                "已制定内控制度".into(),
                "已制定财务管理制度".into(),
                "制度执行有效".into(),
            ],
            per_item: d("1"),
            mode: ChecklistMode::Add,
        };
        let checked = vec!["已制定内控制度".to_string(), "制度执行有效".to_string()];
        let mut x = inputs(Nature::Qualitative, "", "3", None, "");
        x.checked = &checked;
        let (s, e) = run(&rule, &x);
        assert_eq!(
            (s.as_str(), e.as_str()),
            ("2.00", "符合 2/3 项 × 每项 1 分 = 2.00")
        );
        // 资金使用合规性 3 分: five conditions, −1 per violation, counted from the value
        let rule = Rule::Checklist {
            items: vec![],
            per_item: d("1"),
            mode: ChecklistMode::Deduct,
        };
        let (s, e) = run(&rule, &inputs(Nature::Qualitative, "项", "3", None, "1"));
        assert_eq!(
            (s.as_str(), e.as_str()),
            ("2.00", "违规 1 项 × 每项扣 1 分：3 − 1 = 2.00")
        );
        assert_eq!(
            run(&rule, &inputs(Nature::Qualitative, "项", "3", None, "5")).0,
            "0.00"
        );
        assert_eq!(
            run(&rule, &inputs(Nature::Qualitative, "项", "3", None, "")).0,
            "pending"
        );
        // add mode never exceeds the weight
        let rule = Rule::Checklist {
            items: vec![],
            per_item: d("2"),
            mode: ChecklistMode::Add,
        };
        let (s, e) = run(&rule, &inputs(Nature::Qualitative, "项", "5", None, "3"));
        assert_eq!(s, "5.00");
        assert!(e.contains("满分为止"));
    }

    #[test]
    fn qualitative_grade_coefficient() {
        let mut ladder = default_ladder();
        // 重庆: "好" → 100%
        ladder.insert(
            0,
            GradeStep {
                label: "好".into(),
                coefficient: d("100"),
            },
        );
        let rule = Rule::Grade { ladder };
        let (s, e) = run(&rule, &inputs(Nature::Qualitative, "", "4", None, "好"));
        assert_eq!(
            (s.as_str(), e.as_str()),
            ("4.00", "评定“好”，得分系数 100% × 权重 4 = 4.00")
        );
        assert_eq!(
            run(&rule, &inputs(Nature::Qualitative, "", "5", None, "良")).0,
            "4.00"
        );
        assert_eq!(
            run(&rule, &inputs(Nature::Qualitative, "", "5", None, " 中 ")).0,
            "3.00"
        );
        let (s, e) = run(&rule, &inputs(Nature::Qualitative, "", "5", None, "较好"));
        assert_eq!(s, "pending");
        assert!(e.contains("好、优、良、中、差"), "{e}");
    }

    #[test]
    fn positive_and_reverse_ratio() {
        // biz.doczj: 正向 实际值/指标值 × 分值 capped; 反向 指标值/实际值 × 分值
        let (s, e) = run(
            &Rule::Ratio,
            &inputs(Nature::Ge, "项", "8", Some("30"), "27"),
        );
        assert_eq!(
            (s.as_str(), e.as_str()),
            ("7.20", "完成值 27 项 ÷ 目标值 30 项 × 权重 8 = 7.20")
        );
        let (s, e) = run(
            &Rule::Ratio,
            &inputs(Nature::Ge, "项", "8", Some("30"), "33"),
        );
        assert_eq!(
            (s.as_str(), e.as_str()),
            ("8.00", "完成值 33 项 ≥ 目标值 30 项，得满分 8.00")
        );
        // 重庆 政府采购执行率: target 100%, actual 72.74% → 72.74% of the weight, not full marks
        assert_eq!(
            run(
                &Rule::Ratio,
                &inputs(Nature::Ge, "%", "5", Some("100"), "72.74")
            )
            .0,
            "3.64"
        );
        let (s, e) = run(&Rule::Ratio, &inputs(Nature::Le, "%", "4", Some("5"), "8"));
        assert_eq!(
            (s.as_str(), e.as_str()),
            ("2.50", "目标值 5% ÷ 完成值 8% × 权重 4 = 2.50")
        );
        assert_eq!(
            run(&Rule::Ratio, &inputs(Nature::Le, "%", "4", Some("5"), "3")).0,
            "4.00"
        );
        // equality: whichever side it misses on
        assert_eq!(
            run(&Rule::Ratio, &inputs(Nature::Eq, "次", "5", Some("4"), "5")).0,
            "4.00"
        );
        assert_eq!(
            run(&Rule::Ratio, &inputs(Nature::Eq, "次", "5", Some("4"), "3")).0,
            "3.75"
        );
        assert_eq!(
            run(&Rule::Ratio, &inputs(Nature::Ge, "次", "5", Some("4"), "0")).0,
            "0.00"
        );
        // what cannot be scored says why
        assert!(run(&Rule::Ratio, &inputs(Nature::Ge, "次", "5", None, "4"))
            .1
            .contains("指标值"));
        assert!(
            run(&Rule::Ratio, &inputs(Nature::Ge, "次", "5", Some("4"), ""))
                .1
                .contains("完成值")
        );
        assert!(
            run(&Rule::Ratio, &inputs(Nature::Le, "%", "5", Some("0"), "3"))
                .1
                .contains("正数")
        );
        assert!(run(
            &Rule::Ratio,
            &inputs(Nature::Qualitative, "", "5", Some("1"), "0")
        )
        .1
        .contains("定性"));
    }

    #[test]
    fn bands_and_ladders_as_text() {
        let rule = yueyang_key_spending();
        let Rule::Bands { bands } = &rule else {
            panic!()
        };
        let text = bands_text(bands);
        assert_eq!(
            text,
            "≥90 → 5\n≥80 <90 → 4\n≥70 <80 → 3\n≥60 <70 → 2\n<60 → 0"
        );
        assert_eq!(&parse_bands(&text).unwrap(), bands);
        let eq = parse_bands("=0 -> 3\n>0 <=10% → 2\n其他 → 0").unwrap();
        assert_eq!(eq[0].describe(""), "=0");
        assert_eq!(eq[1].describe(""), ">0且≤10");
        assert_eq!(eq[2].describe(""), "其他");
        assert!(parse_bands("≥90 5").unwrap_err().contains("缺少"));
        assert!(parse_bands("约90 → 5").unwrap_err().contains("≥80"));
        assert!(parse_bands("").is_err());
        let ladder = default_ladder();
        assert_eq!(ladder_text(&ladder), "优=100 良=80 中=60 差=0");
        assert_eq!(parse_ladder("优=100 良=80 中=60 差=0").unwrap(), ladder);
        assert!(parse_ladder("优 100").is_err());
    }

    #[test]
    fn manual_score() {
        let mut x = inputs(Nature::Qualitative, "", "5", None, "");
        assert_eq!(run(&Rule::Manual, &x).0, "pending");
        x.manual = Some(d("4.5"));
        assert_eq!(
            run(&Rule::Manual, &x),
            ("4.50".into(), "手工评分 4.50".into())
        );
    }

    #[test]
    fn rules_serialise_as_tagged_data() {
        let json = serde_json::to_string(&yueyang_key_spending()).unwrap();
        assert!(
            json.starts_with(r#"{"type":"bands","bands":[{"gte":"90","points":"5"}"#),
            "{json}"
        );
        let back: Rule = crate::base::json::from_text(&json).unwrap();
        assert_eq!(back, yueyang_key_spending());
        let r: Rule =
            crate::base::json::from_text(r#"{"type":"deduct","limit":"100","per_unit":"0.5"}"#)
                .unwrap();
        assert_eq!(
            r,
            Rule::Deduct {
                limit: d("100"),
                per_unit: d("0.5"),
                direction: Direction::Over,
                whole_units: false
            }
        );
        let n: Nature = crate::base::json::from_text(r#"">=""#).unwrap();
        assert_eq!(n, Nature::Ge);
    }
}
