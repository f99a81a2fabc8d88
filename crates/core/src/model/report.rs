//! The report draft: everything a user writes, and nothing computed.
//!
//! Computed figures (rates, scores, totals, the grade) are never stored: they come from
//! [`crate::scoring::evaluate`] every time, so the table, the narrative check and the exported
//! report read the same values. Every row and section carries a stable `id` so edits, findings
//! and merges can point at it.

use serde::Serialize;

use crate::base::json::members::{deserialize_members, deserialize_names};

use crate::base::number::Figure;
use crate::model::rule::{Nature, Rule};

/// One department's self-evaluation report for one year.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Report {
    /// Stable id of the draft in this browser.
    pub id: String,
    /// The id of the draft this one started as, kept when it is passed between colleagues as a
    /// file (the local `id` is new on every import): a file with the same origin is the same
    /// draft, and can replace or be merged into it.
    pub origin: String,
    /// The draft's name in the drafts list; blank means "use the title".
    pub name: String,
    /// The framework pack the indicator table was built from (see [`crate::model::pack::Pack`]).
    pub pack_id: String,
    /// That pack's version when the draft was made from it or last switched to it.
    pub pack_version: String,
    pub unit: UnitInfo,
    /// 部门年度重点工作任务.
    pub tasks: Vec<Task>,
    /// 部门整体支出绩效目标: 年初 / 调整 / 实际完成 / 未完成原因.
    pub goals: Vec<Goal>,
    pub budget: Budget,
    /// The indicator table, in display order.
    pub indicators: Vec<Indicator>,
    /// The narrative: an ordered outline. Numbering (一、/（一）/1.) is generated from `level`.
    pub sections: Vec<Section>,
    /// 评价结论.
    pub conclusion: String,
    /// 存在问题 and their 改进措施, in pairs.
    pub problems: Vec<Problem>,
    pub signoff: SignOff,
    /// The user confirmed (or edited) the indicator weights: a pack's assumed weights no longer
    /// need their note.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub weights_confirmed: bool,
    /// Where the draft is in its review (已定稿 is read-only), and who moved it there.
    pub status: crate::model::review::Status,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub status_log: Vec<crate::model::review::StatusChange>,
    /// Reviewers' comments; never part of the report.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<crate::model::review::Comment>,
    /// The version last received from a colleague (imported, replaced or merged in): the
    /// common ancestor when their next file is merged. Its own `base` is always empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<Box<Report>>,
}

deserialize_members!(Report {
    id,
    origin,
    name,
    pack_id,
    pack_version,
    unit,
    tasks,
    goals,
    budget,
    indicators,
    sections,
    conclusion,
    problems,
    signoff,
    weights_confirmed,
    status,
    status_log,
    comments,
    base
});

/// 基本信息.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct UnitInfo {
    /// 单位名称.
    pub name: String,
    /// 主管部门.
    pub supervisor: String,
    /// 年度, e.g. 2021.
    pub year: u16,
    /// 预算编码.
    pub budget_code: String,
    /// 联系人.
    pub contact: String,
    /// 联系电话.
    pub phone: String,
    /// 编制数 (人).
    pub staff_authorized: Figure,
    /// 实有人数 (人).
    pub staff_actual: Figure,
    /// 部门职能 (free text).
    pub functions: String,
}

deserialize_members!(UnitInfo {
    name,
    supervisor,
    year,
    budget_code,
    contact,
    phone,
    staff_authorized,
    staff_actual,
    functions
});

/// 年度重点工作任务.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Task {
    pub id: String,
    pub title: String,
    pub detail: String,
}

deserialize_members!(Task { id, title, detail });

/// 绩效目标 row of the goals block.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Goal {
    pub id: String,
    /// 年初绩效目标.
    pub initial: String,
    /// 全年(调整)绩效目标; blank when not adjusted.
    pub adjusted: String,
    /// 全年目标实际完成情况.
    pub actual: String,
    /// 未完成原因.
    pub reason: String,
}

deserialize_members!(Goal {
    id,
    initial,
    adjusted,
    actual,
    reason
});

/// The budget block, in 万元.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Budget {
    /// By funding source: 财政拨款, 财政专户管理资金, 单位资金, 其他资金. Their sum is the total.
    pub sources: Vec<BudgetRow>,
    /// By use: 人员经费 and 公用经费 (together 基本支出), 项目支出. Optional breakdown of the same
    /// total; when every row is filled it must add up to the sources.
    pub uses: Vec<BudgetRow>,
    /// Figures beyond the rows that common indicators are computed from; each optional.
    #[serde(skip_serializing_if = "Spending::is_blank")]
    pub spending: Spending,
}

deserialize_members!(Budget {
    sources,
    uses,
    spending
});

/// 三公经费, 政府采购, 结转结余 and the quarterly payments, in 万元: the amounts the common
/// indicators 三公经费控制率, 政府采购执行率, 结转结余率 and 支付进度 are computed from.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Spending {
    /// “三公”经费预算数.
    #[serde(skip_serializing_if = "Figure::is_blank")]
    pub three_public_budget: Figure,
    /// “三公”经费实际支出.
    #[serde(skip_serializing_if = "Figure::is_blank")]
    pub three_public_actual: Figure,
    /// 政府采购预算（计划）金额.
    #[serde(skip_serializing_if = "Figure::is_blank")]
    pub procurement_plan: Figure,
    /// 实际政府采购金额.
    #[serde(skip_serializing_if = "Figure::is_blank")]
    pub procurement_actual: Figure,
    /// 年末结转结余.
    #[serde(skip_serializing_if = "Figure::is_blank")]
    pub balance: Figure,
    /// 累计支出 at the end of the first three quarters (the fourth is the year's execution).
    #[serde(skip_serializing_if = "Figure::is_blank")]
    pub paid_q1: Figure,
    #[serde(skip_serializing_if = "Figure::is_blank")]
    pub paid_q2: Figure,
    #[serde(skip_serializing_if = "Figure::is_blank")]
    pub paid_q3: Figure,
}

deserialize_members!(Spending {
    three_public_budget,
    three_public_actual,
    procurement_plan,
    procurement_actual,
    balance,
    paid_q1,
    paid_q2,
    paid_q3
});

impl Spending {
    pub fn is_blank(&self) -> bool {
        *self == Spending::default()
    }

    /// The cumulative payments by quarter end, Q1 to Q3.
    pub fn paid(&self) -> [&Figure; 3] {
        [&self.paid_q1, &self.paid_q2, &self.paid_q3]
    }
}

impl Budget {
    pub fn rows(&self, group: crate::model::field::Group) -> &[BudgetRow] {
        match group {
            crate::model::field::Group::Sources => &self.sources,
            crate::model::field::Group::Uses => &self.uses,
        }
    }

    pub fn rows_mut(&mut self, group: crate::model::field::Group) -> &mut Vec<BudgetRow> {
        match group {
            crate::model::field::Group::Sources => &mut self.sources,
            crate::model::field::Group::Uses => &mut self.uses,
        }
    }
}

/// One row of the budget block.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct BudgetRow {
    pub id: String,
    pub name: String,
    pub kind: BudgetKind,
    /// 年初预算数.
    pub initial: Figure,
    /// 全年(调整)预算数; blank means not adjusted (the 年初 figure stands).
    pub adjusted: Figure,
    /// 全年执行数.
    pub executed: Figure,
    /// 上年结转: last year's unspent funds carried into this year (execution may exceed the
    /// year's budget by it).
    #[serde(skip_serializing_if = "Figure::is_blank")]
    pub carryover: Figure,
    /// 上年执行数, for the year-on-year change; carry forward fills it.
    #[serde(skip_serializing_if = "Figure::is_blank")]
    pub last_year: Figure,
    /// 原因: required when the row's execution rate is under the pack's threshold (usually 90%).
    pub reason: String,
}

deserialize_members!(BudgetRow {
    id,
    name,
    kind,
    initial,
    adjusted,
    executed,
    carryover,
    last_year,
    reason
});

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BudgetKind {
    /// 财政拨款.
    #[default]
    Fiscal,
    /// 财政专户管理资金.
    SpecialAccount,
    /// 单位资金.
    Unit,
    /// 其他资金.
    Other,
    /// 基本支出 · 人员经费.
    Personnel,
    /// 基本支出 · 公用经费.
    Public,
    /// 项目支出.
    Project,
}

deserialize_names!(BudgetKind { Fiscal = "fiscal", SpecialAccount = "special_account", Unit = "unit", Other = "other", Personnel = "personnel", Public = "public", Project = "project" });

impl BudgetKind {
    pub fn label(self) -> &'static str {
        match self {
            BudgetKind::Fiscal => "财政拨款",
            BudgetKind::SpecialAccount => "财政专户管理资金",
            BudgetKind::Unit => "单位资金",
            BudgetKind::Other => "其他资金",
            BudgetKind::Personnel => "人员经费",
            BudgetKind::Public => "公用经费",
            BudgetKind::Project => "项目支出",
        }
    }

    /// The name used in files and paths (`fiscal`, `personnel`, …).
    pub fn key(self) -> &'static str {
        match self {
            BudgetKind::Fiscal => "fiscal",
            BudgetKind::SpecialAccount => "special_account",
            BudgetKind::Unit => "unit",
            BudgetKind::Other => "other",
            BudgetKind::Personnel => "personnel",
            BudgetKind::Public => "public",
            BudgetKind::Project => "project",
        }
    }

    pub const SOURCES: [BudgetKind; 4] = [
        BudgetKind::Fiscal,
        BudgetKind::SpecialAccount,
        BudgetKind::Unit,
        BudgetKind::Other,
    ];

    pub const USES: [BudgetKind; 4] = [
        BudgetKind::Personnel,
        BudgetKind::Public,
        BudgetKind::Project,
        BudgetKind::Other,
    ];

    pub fn from_key(key: &str) -> Option<BudgetKind> {
        Self::SOURCES
            .iter()
            .chain(Self::USES.iter())
            .copied()
            .find(|k| k.key() == key)
    }

    /// 人员经费 and 公用经费 make up 基本支出.
    pub fn is_basic(self) -> bool {
        matches!(self, BudgetKind::Personnel | BudgetKind::Public)
    }
}

/// A row of the indicator table.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Indicator {
    pub id: String,
    /// 一级指标.
    pub level1: String,
    /// 二级指标.
    pub level2: String,
    /// 三级指标 (the indicator's own name).
    pub level3: String,
    /// 指标性质: =, ≥, ≤, 定性.
    pub nature: Nature,
    /// 计量单位: %, 项, 件, 人次…
    pub unit: String,
    /// 年初指标值.
    pub target: Figure,
    /// 调整指标值; blank when not adjusted. When filled it replaces `target` for scoring.
    pub target_adjusted: Figure,
    /// 全年完成值. For a 定性 indicator, the grade given (e.g. 优, 良, 好).
    pub actual: Figure,
    /// 权重 (分值).
    pub weight: Figure,
    /// How the score is computed.
    pub rule: Rule,
    /// Where the completion value comes from when it is not typed.
    pub link: Option<Link>,
    /// 得分 typed by hand: used only with [`Rule::Manual`].
    pub manual_score: Figure,
    /// Checklist items met (for [`Rule::Checklist`] in add mode) or breached (deduct mode).
    pub checked: Vec<String>,
    /// 不适用: dropped from the total, the others rescaled to the pack total.
    pub not_applicable: bool,
    /// 偏差原因 / 扣分原因.
    pub reason: String,
    /// 是否核心指标.
    pub core: bool,
    /// 评分标准 as written in the framework, shown beside the rule.
    pub criterion: String,
    /// The rule an import replaced by the file's own 得分 (kept as a hand score): the check
    /// names the difference while the row is scored by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_rule: Option<Rule>,
}

deserialize_members!(Indicator {
    id,
    level1,
    level2,
    level3,
    nature,
    unit,
    target,
    target_adjusted,
    actual,
    weight,
    rule,
    link,
    manual_score,
    checked,
    not_applicable,
    reason,
    core,
    criterion,
    imported_rule
});

impl Indicator {
    /// The framework's hint for a row to be named ("（请填写数量指标）") while no name is typed:
    /// shown in the empty input, never printed, and a finding while it stands.
    pub fn hint(&self) -> Option<&str> {
        is_hint(&self.level3).then_some(self.level3.trim())
    }

    /// 三级指标 as printed: blank while it is only the framework's hint.
    pub fn name(&self) -> &str {
        if self.hint().is_some() {
            ""
        } else {
            &self.level3
        }
    }
}

/// Whether a 三级指标 is a framework's hint, not a name: "（请填写…）".
pub fn is_hint(name: &str) -> bool {
    let t = name.trim();
    t.starts_with("（请填写") && t.ends_with('）')
}

/// A completion value computed from other parts of the draft rather than typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Link {
    /// The total budget execution rate (%), from the budget block.
    ExecutionRate,
    /// 在职人员控制率 (%): 实有人数 ÷ 编制数, from the unit's information.
    StaffControl,
    /// 预算调整率 (%): |全年预算数 − 年初预算数| ÷ 年初预算数, from the budget block.
    BudgetAdjustment,
    /// 结转结余率 (%): 年末结转结余 ÷ 全年预算数.
    BalanceRate,
    /// “三公”经费控制率 (%): 实际支出 ÷ 预算数.
    ThreePublicControl,
    /// 政府采购执行率 (%): 实际采购金额 ÷ 采购预算金额.
    ProcurementRate,
    /// 支付进度率 (%): each quarter's 实际支付进度 ÷ 序时进度 (capped at 100%), averaged.
    PaymentProgress,
}

deserialize_names!(Link { ExecutionRate = "execution_rate", StaffControl = "staff_control", BudgetAdjustment = "budget_adjustment", BalanceRate = "balance_rate", ThreePublicControl = "three_public_control", ProcurementRate = "procurement_rate", PaymentProgress = "payment_progress" });

impl Link {
    pub const ALL: [Link; 7] = [
        Link::ExecutionRate,
        Link::StaffControl,
        Link::BudgetAdjustment,
        Link::BalanceRate,
        Link::ThreePublicControl,
        Link::ProcurementRate,
        Link::PaymentProgress,
    ];

    /// The name in files and paths.
    pub fn key(self) -> &'static str {
        match self {
            Link::ExecutionRate => "execution_rate",
            Link::StaffControl => "staff_control",
            Link::BudgetAdjustment => "budget_adjustment",
            Link::BalanceRate => "balance_rate",
            Link::ThreePublicControl => "three_public_control",
            Link::ProcurementRate => "procurement_rate",
            Link::PaymentProgress => "payment_progress",
        }
    }

    pub fn from_key(key: &str) -> Option<Link> {
        Self::ALL.into_iter().find(|l| l.key() == key)
    }

    /// The figure an indicator named `name` measures, when it is one the app computes
    /// ("预算执行率", "在职人员控制率（%）"): rows typed, pasted or imported under these names
    /// can take their completion value from the draft's figures.
    pub fn for_name(name: &str) -> Option<Link> {
        let n: String = name
            .chars()
            .filter(|c| !c.is_whitespace() && !"“”\"'‘’".contains(*c))
            .collect();
        const NAMES: [(&[&str], Link); 7] = [
            (
                &["预算执行率", "预算完成率", "部门预算执行率"],
                Link::ExecutionRate,
            ),
            (
                &["在职人员控制率", "财政供养人员控制率", "人员控制率"],
                Link::StaffControl,
            ),
            (&["预算调整率"], Link::BudgetAdjustment),
            (&["结转结余率", "结余结转率"], Link::BalanceRate),
            (&["三公经费控制率"], Link::ThreePublicControl),
            (&["政府采购执行率"], Link::ProcurementRate),
            (
                &["支付进度率", "支付进度", "资金支付进度"],
                Link::PaymentProgress,
            ),
        ];
        NAMES
            .iter()
            .find(|(names, _)| names.iter().any(|x| n.contains(x)))
            .map(|(_, l)| *l)
    }

    /// What the figure is, and where it comes from, for the user.
    pub fn label(self) -> &'static str {
        match self {
            Link::ExecutionRate => "预算执行率（由预算执行情况计算）",
            Link::StaffControl => "在职人员控制率（由编制数和实有人数计算）",
            Link::BudgetAdjustment => "预算调整率（由年初和全年预算数计算）",
            Link::BalanceRate => "结转结余率（由年末结转结余和全年预算数计算）",
            Link::ThreePublicControl => "“三公”经费控制率（由三公经费预算数和实际支出计算）",
            Link::ProcurementRate => "政府采购执行率（由采购预算金额和实际采购金额计算）",
            Link::PaymentProgress => "支付进度率（由各季度末累计支出和序时进度计算）",
        }
    }

    /// What to fill in before it can be computed.
    pub fn missing(self) -> &'static str {
        match self {
            Link::ExecutionRate => "预算执行率尚无法计算：请先填写预算数和执行数",
            Link::StaffControl => "在职人员控制率尚无法计算：请在基本信息中填写编制数和实有人数",
            Link::BudgetAdjustment => "预算调整率尚无法计算：请先填写年初预算数和全年预算数",
            Link::BalanceRate => "结转结余率尚无法计算：请在预算执行情况中填写年末结转结余和预算数",
            Link::ThreePublicControl => {
                "“三公”经费控制率尚无法计算：请在预算执行情况中填写三公经费预算数和实际支出"
            }
            Link::ProcurementRate => {
                "政府采购执行率尚无法计算：请在预算执行情况中填写政府采购预算金额和实际采购金额"
            }
            Link::PaymentProgress => {
                "支付进度率尚无法计算：请在预算执行情况中填写季度末累计支出和预算数"
            }
        }
    }

    /// The figure's short name, as an explanation quotes it.
    pub fn name(self) -> &'static str {
        match self {
            Link::ExecutionRate => "执行率",
            Link::StaffControl => "在职人员控制率",
            Link::BudgetAdjustment => "预算调整率",
            Link::BalanceRate => "结转结余率",
            Link::ThreePublicControl => "“三公”经费控制率",
            Link::ProcurementRate => "政府采购执行率",
            Link::PaymentProgress => "支付进度率",
        }
    }
}

/// A section of the narrative outline.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Section {
    pub id: String,
    /// 1 → 一、, 2 → （一）, 3 → 1., 4 → （1）.
    pub level: u8,
    /// Heading text without its number.
    pub title: String,
    /// Paragraphs separated by newlines. `**…**` marks a bold lead-in.
    pub text: String,
    /// Must not be left empty.
    pub required: bool,
    /// Character limit, when the framework sets one.
    pub limit: Option<usize>,
}

deserialize_members!(Section {
    id,
    level,
    title,
    text,
    required,
    limit
});

/// The placeholders a text may hold, filled with the computed figures wherever it prints.
pub const PLACEHOLDERS: [(&str, &str); 7] = [
    ("{{年初预算数}}", "年初预算数合计（万元）"),
    ("{{全年预算数}}", "全年（调整）预算数合计（万元）"),
    ("{{执行数}}", "执行数合计（万元）"),
    ("{{执行率}}", "预算执行率（含 %）"),
    ("{{自评得分}}", "自评总分"),
    ("{{等级}}", "评价等级"),
    ("{{年度}}", "年度"),
];

/// A problem found and the measure proposed for it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Problem {
    pub id: String,
    /// 存在问题.
    pub problem: String,
    /// 改进措施.
    pub measure: String,
}

deserialize_members!(Problem {
    id,
    problem,
    measure
});

/// 签章 block.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct SignOff {
    /// 单位负责人.
    pub head: String,
    /// 财务负责人.
    pub finance_head: String,
    /// 填报人.
    pub preparer: String,
    /// 填报日期, as written (e.g. 2022年3月31日).
    pub date: String,
}

deserialize_members!(SignOff {
    head,
    finance_head,
    preparer,
    date
});

impl Report {
    /// The report's title as the outline and exports show it.
    pub fn title(&self) -> String {
        let year = if self.unit.year > 0 {
            format!("{}年", self.unit.year)
        } else {
            String::new()
        };
        format!("{}{}部门整体支出绩效自评报告", self.unit.name, year)
    }

    /// The name shown in the drafts list.
    pub fn display_name(&self) -> String {
        if self.name.trim().is_empty() {
            self.title()
        } else {
            self.name.clone()
        }
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// 存在问题 of all pairs, as one text (for the 自评表 and its length limit).
    pub fn problems_text(&self) -> String {
        join_nonempty(self.problems.iter().map(|p| p.problem.as_str()))
    }

    /// 改进措施 of all pairs, as one text.
    pub fn measures_text(&self) -> String {
        join_nonempty(self.problems.iter().map(|p| p.measure.as_str()))
    }
}

fn join_nonempty<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    parts
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Number of characters as the forms count them (每个汉字、字母、数字、标点各计一字; line breaks
/// do not count).
pub fn char_count(text: &str) -> usize {
    text.chars().filter(|c| *c != '\n' && *c != '\r').count()
}
