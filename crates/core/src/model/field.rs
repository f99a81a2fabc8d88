//! Typed field paths: every field a user can edit, and every place a finding can point at.
//!
//! A [`Field`] prints as the path string that drafts, `data-path` attributes and URLs have
//! always used (`budget.sources.src-1.executed`) and parses back from it. Each row type's
//! fields are declared once, in one table per type (the `fields!` blocks below), which gives
//! the enum, its names, and both reading and writing through a converter per kind of value;
//! a misspelled or unmapped field is a compile error.

use std::fmt;
use std::str::FromStr;

use crate::base::number::Figure;
use crate::model::rule::Nature;
use crate::model::{
    BudgetKind, BudgetRow, Goal, Indicator, Link, Problem, Report, Section, SignOff, Spending,
    Task, UnitInfo,
};

/// Why an edit could not be applied. `Display` is for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError(pub String);

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// How a kind of value is shown in an input and read back from it.
pub trait Conv<T> {
    fn show(value: &T) -> String;
    fn store(value: &mut T, text: &str) -> Result<(), EditError>;
}

/// Free text.
pub struct Text;
/// A figure as typed (kept even when it does not parse; the check reports it).
pub struct Fig;
/// A checkbox: "true" / "false".
pub struct Flag;
/// 年度: four digits, or blank.
pub struct Year;
/// A budget row's kind, by its key.
pub struct KindOf;
/// An indicator's nature, by its symbol.
pub struct NatureOf;
/// An indicator's link to a computed figure ("execution_rate" or blank).
pub struct LinkOf;
/// A section's outline level, 1 to 4.
pub struct Level;
/// 三级指标: shown blank while it is the framework's hint, so typing replaces the hint.
pub struct NameOf;
/// A section's character limit, blank for none.
pub struct Limit;

/// A converter whose value is stored as typed (or read as a flag).
macro_rules! plain {
    ($conv:ident: $t:ty, |$v:ident| $show:expr, |$slot:ident, $text:ident| $store:expr) => {
        impl Conv<$t> for $conv {
            fn show($v: &$t) -> String {
                $show
            }
            fn store($slot: &mut $t, $text: &str) -> Result<(), EditError> {
                $store;
                Ok(())
            }
        }
    };
}

plain!(Text: String, |v| v.clone(), |v, t| *v = t.to_string());
plain!(NameOf: String, |v| if super::is_hint(v) { String::new() } else { v.clone() }, |v, t| *v = t.to_string());
plain!(Fig: Figure, |v| v.0.clone(), |v, t| v.0 = t.to_string());
plain!(Flag: bool, |v| v.to_string(), |v, t| *v = t == "true");

impl Conv<u16> for Year {
    fn show(v: &u16) -> String {
        if *v == 0 {
            String::new()
        } else {
            v.to_string()
        }
    }
    fn store(v: &mut u16, t: &str) -> Result<(), EditError> {
        let t = t.trim();
        *v = match t.parse::<u16>() {
            _ if t.is_empty() => 0,
            Ok(y) if (1949..=2200).contains(&y) => y,
            _ => return Err(EditError(format!("年度应为四位数字，如 2021，而不是“{t}”"))),
        };
        Ok(())
    }
}

impl Conv<BudgetKind> for KindOf {
    fn show(v: &BudgetKind) -> String {
        v.key().to_string()
    }
    fn store(v: &mut BudgetKind, t: &str) -> Result<(), EditError> {
        *v = BudgetKind::from_key(t).ok_or_else(|| EditError(format!("未知的资金类别“{t}”")))?;
        Ok(())
    }
}

impl Conv<Nature> for NatureOf {
    fn show(v: &Nature) -> String {
        v.symbol().to_string()
    }
    fn store(v: &mut Nature, t: &str) -> Result<(), EditError> {
        *v = Nature::read(t)
            .ok_or_else(|| EditError(format!("指标性质“{t}”无法识别（可填 ≥、≤、=、定性）")))?;
        Ok(())
    }
}

impl Conv<Option<Link>> for LinkOf {
    fn show(v: &Option<Link>) -> String {
        v.map_or("", Link::key).to_string()
    }
    fn store(v: &mut Option<Link>, t: &str) -> Result<(), EditError> {
        *v = Link::from_key(t);
        Ok(())
    }
}

impl Conv<u8> for Level {
    fn show(v: &u8) -> String {
        v.to_string()
    }
    fn store(v: &mut u8, t: &str) -> Result<(), EditError> {
        *v = match t.trim().parse::<u8>() {
            Ok(l @ 1..=4) => l,
            _ => return Err(EditError("章节层级应为 1 至 4".into())),
        };
        Ok(())
    }
}

impl Conv<Option<usize>> for Limit {
    fn show(v: &Option<usize>) -> String {
        v.map(|l| l.to_string()).unwrap_or_default()
    }
    fn store(v: &mut Option<usize>, t: &str) -> Result<(), EditError> {
        let t = t.trim();
        *v = if t.is_empty() {
            None
        } else {
            Some(
                t.parse()
                    .map_err(|_| EditError(format!("字数限制应为整数，而不是“{t}”")))?,
            )
        };
        Ok(())
    }
}

/// One table per row type: the enum of its fields, their keys and Chinese names, and reading
/// and writing. A field's name is written here and nowhere else.
macro_rules! fields {
    ($(#[$doc:meta])* $name:ident for $row:ty { $($variant:ident $key:literal $label:literal => $member:ident : $conv:ty,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The name in paths and files.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key,)+ }
            }

            /// The name a user knows it by, in every label, header, message and note.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            pub fn from_key(key: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|f| f.key() == key)
            }

            /// The value as an input shows it.
            pub fn get(self, row: &$row) -> String {
                match self { $($name::$variant => <$conv as Conv<_>>::show(&row.$member),)+ }
            }

            /// Set the value from what was typed.
            pub fn set(self, row: &mut $row, text: &str) -> Result<(), EditError> {
                match self { $($name::$variant => <$conv as Conv<_>>::store(&mut row.$member, text),)+ }
            }
        }
    };
}

fields! {
    /// 基本信息.
    UnitField for UnitInfo {
        Name "name" "单位名称" => name: Text,
        Supervisor "supervisor" "主管部门" => supervisor: Text,
        Year "year" "年度" => year: Year,
        BudgetCode "budget_code" "预算编码" => budget_code: Text,
        Contact "contact" "联系人" => contact: Text,
        Phone "phone" "联系电话" => phone: Text,
        StaffAuthorized "staff_authorized" "编制数" => staff_authorized: Fig,
        StaffActual "staff_actual" "实有人数" => staff_actual: Fig,
        Functions "functions" "部门职能" => functions: Text,
    }
}

fields! {
    /// 签章.
    SignoffField for SignOff {
        Head "head" "单位负责人" => head: Text,
        FinanceHead "finance_head" "财务负责人" => finance_head: Text,
        Preparer "preparer" "填报人" => preparer: Text,
        Date "date" "填报日期" => date: Text,
    }
}

fields! {
    /// 重点工作任务.
    TaskField for Task {
        Title "title" "任务" => title: Text,
        Detail "detail" "主要内容" => detail: Text,
    }
}

fields! {
    /// 绩效目标.
    GoalField for Goal {
        Initial "initial" "年初绩效目标" => initial: Text,
        Adjusted "adjusted" "全年（调整）绩效目标" => adjusted: Text,
        Actual "actual" "实际完成情况" => actual: Text,
        Reason "reason" "未完成原因" => reason: Text,
    }
}

fields! {
    /// A budget row.
    BudgetField for BudgetRow {
        Name "name" "名称" => name: Text,
        Kind "kind" "类别" => kind: KindOf,
        Initial "initial" "年初预算数" => initial: Fig,
        Adjusted "adjusted" "全年预算数" => adjusted: Fig,
        Executed "executed" "全年执行数" => executed: Fig,
        Carryover "carryover" "上年结转" => carryover: Fig,
        LastYear "last_year" "上年执行数" => last_year: Fig,
        Reason "reason" "原因" => reason: Text,
    }
}

fields! {
    /// 三公经费, 政府采购, 结转结余 and the quarterly payments.
    SpendingField for Spending {
        ThreePublicBudget "three_public_budget" "“三公”经费预算数" => three_public_budget: Fig,
        ThreePublicActual "three_public_actual" "“三公”经费实际支出" => three_public_actual: Fig,
        ProcurementPlan "procurement_plan" "政府采购预算金额" => procurement_plan: Fig,
        ProcurementActual "procurement_actual" "实际政府采购金额" => procurement_actual: Fig,
        Balance "balance" "年末结转结余" => balance: Fig,
        PaidQ1 "paid_q1" "一季度末累计支出" => paid_q1: Fig,
        PaidQ2 "paid_q2" "二季度末累计支出" => paid_q2: Fig,
        PaidQ3 "paid_q3" "三季度末累计支出" => paid_q3: Fig,
    }
}

impl SpendingField {
    /// The cumulative payment field of quarter `q` (1 to 3).
    pub const PAID: [SpendingField; 3] = [
        SpendingField::PaidQ1,
        SpendingField::PaidQ2,
        SpendingField::PaidQ3,
    ];
}

fields! {
    /// An indicator row.
    IndicatorField for Indicator {
        Level1 "level1" "一级指标" => level1: Text,
        Level2 "level2" "二级指标" => level2: Text,
        Level3 "level3" "三级指标" => level3: NameOf,
        Nature "nature" "性质" => nature: NatureOf,
        Unit "unit" "单位" => unit: Text,
        Target "target" "年初指标值" => target: Fig,
        TargetAdjusted "target_adjusted" "调整指标值" => target_adjusted: Fig,
        Actual "actual" "完成值" => actual: Fig,
        Weight "weight" "权重" => weight: Fig,
        ManualScore "manual_score" "得分" => manual_score: Fig,
        Reason "reason" "偏差原因" => reason: Text,
        Criterion "criterion" "评分标准" => criterion: Text,
        NotApplicable "not_applicable" "不适用" => not_applicable: Flag,
        Core "core" "核心指标" => core: Flag,
        Link "link" "完成值来源" => link: LinkOf,
    }
}

fields! {
    /// A section of the narrative.
    SectionField for Section {
        Title "title" "标题" => title: Text,
        Text "text" "正文" => text: Text,
        Level "level" "层级" => level: Level,
        Required "required" "必填" => required: Flag,
        Limit "limit" "字数限制" => limit: Limit,
    }
}

fields! {
    /// A 存在问题 / 改进措施 pair.
    ProblemField for Problem {
        Problem "problem" "存在问题" => problem: Text,
        Measure "measure" "改进措施" => measure: Text,
    }
}

// The names of the parts that the editor's outline and the draft file's keys share.
const INFO: &str = "基本信息";
const TASKS: &str = "重点工作任务";
const GOALS: &str = "绩效目标";
const INDICATORS: &str = "绩效指标";
const SIGNOFF: &str = "签署";

/// The Chinese names of a draft file's top-level keys: its parts and lists.
const PARTS: [(&str, &str); 17] = [
    ("id", "编号"),
    ("origin", "来源编号"),
    ("name", Field::NAME),
    ("pack_id", "评价指标体系"),
    ("pack_version", "指标体系版本"),
    ("unit", INFO),
    ("tasks", TASKS),
    ("goals", GOALS),
    ("budget", "预算"),
    ("indicators", INDICATORS),
    ("sections", "报告正文"),
    ("conclusion", Field::CONCLUSION),
    ("problems", "存在问题和改进措施"),
    ("signoff", SIGNOFF),
    ("comments", "批注"),
    ("status", "状态"),
    ("base", "上次收到的版本"),
];

/// The Chinese name of a row's field by the list it is in, as draft files name both
/// (`"indicators"`, `"weight"` → 权重), or with `list` blank of a part (`"tasks"` →
/// 重点工作任务); `None` for a key that is no such field or part.
pub fn label_of(list: &str, key: &str) -> Option<&'static str> {
    match list {
        "" => PARTS.iter().find(|(k, _)| *k == key).map(|(_, l)| *l),
        "unit" => UnitField::from_key(key).map(UnitField::label),
        "signoff" => SignoffField::from_key(key).map(SignoffField::label),
        "tasks" => TaskField::from_key(key).map(TaskField::label),
        "goals" => GoalField::from_key(key).map(GoalField::label),
        "budget" => BudgetField::from_key(key).map(BudgetField::label),
        "spending" => SpendingField::from_key(key).map(SpendingField::label),
        "indicators" => IndicatorField::from_key(key).map(IndicatorField::label),
        "sections" => SectionField::from_key(key).map(SectionField::label),
        "problems" => ProblemField::from_key(key).map(ProblemField::label),
        _ => None,
    }
}

/// The two budget tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// By funding source (their sum is the department's budget).
    Sources,
    /// By use (人员经费, 公用经费, 项目支出).
    Uses,
}

impl Group {
    pub fn key(self) -> &'static str {
        match self {
            Group::Sources => "sources",
            Group::Uses => "uses",
        }
    }

    /// "按资金来源", "按支出用途".
    pub fn label(self) -> &'static str {
        match self {
            Group::Sources => "按资金来源",
            Group::Uses => "按支出用途",
        }
    }

    pub fn from_key(key: &str) -> Option<Group> {
        [Group::Sources, Group::Uses]
            .into_iter()
            .find(|g| g.key() == key)
    }
}

/// A part of the editor (and of the URL): where a field is edited.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    Info,
    Tasks,
    Goals,
    Budget,
    Indicators,
    /// One section of the narrative, by its id.
    Section(String),
    /// 评价结论, 存在问题和改进措施.
    Closing,
    Signoff,
}

impl Part {
    const FIXED: [(Part, &'static str); 7] = [
        (Part::Info, "info"),
        (Part::Tasks, "tasks"),
        (Part::Goals, "goals"),
        (Part::Budget, "budget"),
        (Part::Indicators, "indicators"),
        (Part::Closing, "closing"),
        (Part::Signoff, "signoff"),
    ];

    /// The form's parts before the narrative, and after it, in order, with their names in
    /// the editor's outline.
    pub const BEFORE_TEXT: [(Part, &'static str); 5] = [
        (Part::Info, INFO),
        (Part::Tasks, TASKS),
        (Part::Goals, GOALS),
        (Part::Budget, "预算执行情况"),
        (Part::Indicators, INDICATORS),
    ];
    pub const AFTER_TEXT: [(Part, &'static str); 2] = [
        (Part::Closing, "结论、问题与措施"),
        (Part::Signoff, SIGNOFF),
    ];

    /// The slug in URLs and element ids (`part-budget`, `part-sec-4`).
    pub fn slug(&self) -> &str {
        match self {
            Part::Section(id) => id,
            fixed => Self::FIXED
                .iter()
                .find(|(p, _)| p == fixed)
                .map_or("", |(_, s)| s),
        }
    }

    /// The part a slug names; any other slug is a section's id.
    pub fn from_slug(slug: &str) -> Part {
        Self::FIXED
            .iter()
            .find(|(_, s)| *s == slug)
            .map_or_else(|| Part::Section(slug.to_string()), |(p, _)| p.clone())
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// A field of a draft, or a part of it as a whole (a finding about a table).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The draft's name in the list.
    Name,
    /// 评价结论.
    Conclusion,
    Unit(UnitField),
    Signoff(SignoffField),
    /// 三公经费, 政府采购, 结转结余, quarterly payments (in the budget part).
    Spending(SpendingField),
    Task {
        id: String,
        field: TaskField,
    },
    Goal {
        id: String,
        field: GoalField,
    },
    Budget {
        group: Group,
        id: String,
        field: BudgetField,
    },
    Indicator {
        id: String,
        field: IndicatorField,
    },
    Section {
        id: String,
        field: SectionField,
    },
    Problem {
        id: String,
        field: ProblemField,
    },
    /// A part as a whole, for findings about a table rather than one field.
    Part(Part),
}

impl Field {
    /// The field's own name ("偏差原因"), from its `fields!` row; blank for a whole part.
    pub fn label(&self) -> &'static str {
        match self {
            Field::Name => Field::NAME,
            Field::Conclusion => Field::CONCLUSION,
            Field::Unit(f) => f.label(),
            Field::Signoff(f) => f.label(),
            Field::Spending(f) => f.label(),
            Field::Task { field, .. } => field.label(),
            Field::Goal { field, .. } => field.label(),
            Field::Budget { field, .. } => field.label(),
            Field::Indicator { field, .. } => field.label(),
            Field::Section { field, .. } => field.label(),
            Field::Problem { field, .. } => field.label(),
            Field::Part(_) => "",
        }
    }

    /// The names of the two fields that are not in a row or part table.
    pub const NAME: &'static str = "草稿名称";
    pub const CONCLUSION: &'static str = "评价结论";

    pub fn budget(group: Group, id: &str, field: BudgetField) -> Field {
        Field::Budget {
            group,
            id: id.to_string(),
            field,
        }
    }

    pub fn indicator(id: &str, field: IndicatorField) -> Field {
        Field::Indicator {
            id: id.to_string(),
            field,
        }
    }

    pub fn section(id: &str, field: SectionField) -> Field {
        Field::Section {
            id: id.to_string(),
            field,
        }
    }

    pub fn goal(id: &str, field: GoalField) -> Field {
        Field::Goal {
            id: id.to_string(),
            field,
        }
    }

    pub fn task(id: &str, field: TaskField) -> Field {
        Field::Task {
            id: id.to_string(),
            field,
        }
    }

    pub fn problem(id: &str, field: ProblemField) -> Field {
        Field::Problem {
            id: id.to_string(),
            field,
        }
    }

    /// The editor part that holds this field.
    pub fn part(&self) -> Part {
        match self {
            Field::Name | Field::Unit(_) => Part::Info,
            Field::Task { .. } => Part::Tasks,
            Field::Goal { .. } => Part::Goals,
            Field::Budget { .. } | Field::Spending(_) => Part::Budget,
            Field::Indicator { .. } => Part::Indicators,
            Field::Section { id, .. } => Part::Section(id.clone()),
            Field::Conclusion | Field::Problem { .. } => Part::Closing,
            Field::Signoff(_) => Part::Signoff,
            Field::Part(p) => p.clone(),
        }
    }
}

impl Part {
    /// The part's name as the editor's outline shows it (a section: its title).
    pub fn label(&self, report: &Report) -> String {
        match self {
            Part::Section(id) => report
                .section(id)
                .map_or_else(|| id.clone(), |s| s.title.clone()),
            p => Self::BEFORE_TEXT
                .iter()
                .chain(Self::AFTER_TEXT.iter())
                .find(|(q, _)| q == p)
                .map_or_else(String::new, |(_, l)| l.to_string()),
        }
    }
}

impl Field {
    /// Where the field is, as a user reads it: "绩效指标 · 听取和审议专项工作报告 · 偏差原因".
    pub fn describe(&self, report: &Report) -> String {
        let row = |name: Option<&str>, n: Option<usize>| match (name, n) {
            (Some(s), _) if !s.trim().is_empty() => s.to_string(),
            (_, Some(n)) => format!("第 {} 行", n + 1),
            _ => String::new(),
        };
        let pos = |ids: Vec<&str>, id: &str| ids.iter().position(|x| *x == id);
        let part = self.part().label(report);
        let what = match self {
            Field::Task { id, .. } => row(None, pos(report.ids(crate::model::List::Tasks), id)),
            Field::Goal { id, .. } => row(None, pos(report.ids(crate::model::List::Goals), id)),
            Field::Problem { id, .. } => {
                row(None, pos(report.ids(crate::model::List::Problems), id))
            }
            Field::Budget { group, id, .. } => row(
                report
                    .budget
                    .rows(*group)
                    .iter()
                    .find(|r| r.id == *id)
                    .map(|r| r.name.as_str()),
                None,
            ),
            Field::Indicator { id, .. } => {
                row(report.indicator(id).map(|i| i.level3.as_str()), None)
            }
            Field::Name
            | Field::Conclusion
            | Field::Unit(_)
            | Field::Signoff(_)
            | Field::Spending(_)
            | Field::Section { .. }
            | Field::Part(_) => String::new(),
        };
        let key = self.label().to_string();
        [part, what, key]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

impl From<UnitField> for Field {
    fn from(f: UnitField) -> Field {
        Field::Unit(f)
    }
}

impl From<SpendingField> for Field {
    fn from(f: SpendingField) -> Field {
        Field::Spending(f)
    }
}

impl From<SignoffField> for Field {
    fn from(f: SignoffField) -> Field {
        Field::Signoff(f)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Name => f.write_str("name"),
            Field::Conclusion => f.write_str("conclusion"),
            Field::Unit(x) => write!(f, "unit.{}", x.key()),
            Field::Signoff(x) => write!(f, "signoff.{}", x.key()),
            Field::Spending(x) => write!(f, "budget.spending.{}", x.key()),
            Field::Task { id, field } => write!(f, "tasks.{id}.{}", field.key()),
            Field::Goal { id, field } => write!(f, "goals.{id}.{}", field.key()),
            Field::Budget { group, id, field } => {
                write!(f, "budget.{}.{id}.{}", group.key(), field.key())
            }
            Field::Indicator { id, field } => write!(f, "indicators.{id}.{}", field.key()),
            Field::Section { id, field } => write!(f, "sections.{id}.{}", field.key()),
            Field::Problem { id, field } => write!(f, "problems.{id}.{}", field.key()),
            Field::Part(p) => p.fmt(f),
        }
    }
}

/// Not a field path this build knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownField(pub String);

impl fmt::Display for UnknownField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "没有这个字段：{}", self.0)
    }
}

impl FromStr for Field {
    type Err = UnknownField;

    fn from_str(s: &str) -> Result<Field, UnknownField> {
        let bad = || UnknownField(s.to_string());
        let parts: Vec<&str> = s.split('.').collect();
        // a row's field: its id (not empty) and a field name of its type
        fn row<F>(
            id: &str,
            key: &str,
            from_key: fn(&str) -> Option<F>,
            make: fn(&str, F) -> Field,
        ) -> Option<Field> {
            let field = from_key(key)?;
            (!id.is_empty()).then(|| make(id, field))
        }
        Ok(match parts.as_slice() {
            ["name"] => Field::Name,
            ["conclusion"] => Field::Conclusion,
            ["unit", f] => Field::Unit(UnitField::from_key(f).ok_or_else(bad)?),
            ["signoff", f] => Field::Signoff(SignoffField::from_key(f).ok_or_else(bad)?),
            ["budget", "spending", f] => {
                Field::Spending(SpendingField::from_key(f).ok_or_else(bad)?)
            }
            ["tasks", id, f] => row(id, f, TaskField::from_key, Field::task).ok_or_else(bad)?,
            ["goals", id, f] => row(id, f, GoalField::from_key, Field::goal).ok_or_else(bad)?,
            ["budget", g, id, f] => {
                let group = Group::from_key(g).ok_or_else(bad)?;
                let field = BudgetField::from_key(f)
                    .filter(|_| !id.is_empty())
                    .ok_or_else(bad)?;
                Field::budget(group, id, field)
            }
            ["indicators", id, f] => {
                row(id, f, IndicatorField::from_key, Field::indicator).ok_or_else(bad)?
            }
            ["sections", id, f] => {
                row(id, f, SectionField::from_key, Field::section).ok_or_else(bad)?
            }
            ["problems", id, f] => {
                row(id, f, ProblemField::from_key, Field::problem).ok_or_else(bad)?
            }
            [slug] if !slug.is_empty() => Field::Part(Part::from_slug(slug)),
            _ => return Err(bad()),
        })
    }
}

impl Report {
    /// The current text of `field`, as an input shows it; `None` when its row is gone.
    pub fn get(&self, field: &Field) -> Option<String> {
        fn find<'a, T>(rows: &'a [T], id: &str, of: fn(&T) -> &str) -> Option<&'a T> {
            rows.iter().find(|r| of(r) == id)
        }
        Some(match field {
            Field::Name => self.name.clone(),
            Field::Conclusion => self.conclusion.clone(),
            Field::Unit(f) => f.get(&self.unit),
            Field::Signoff(f) => f.get(&self.signoff),
            Field::Spending(f) => f.get(&self.budget.spending),
            Field::Task { id, field } => field.get(find(&self.tasks, id, |r| &r.id)?),
            Field::Goal { id, field } => field.get(find(&self.goals, id, |r| &r.id)?),
            Field::Budget { group, id, field } => {
                field.get(find(self.budget.rows(*group), id, |r| &r.id)?)
            }
            Field::Indicator { id, field } => field.get(find(&self.indicators, id, |r| &r.id)?),
            Field::Section { id, field } => field.get(find(&self.sections, id, |r| &r.id)?),
            Field::Problem { id, field } => field.get(find(&self.problems, id, |r| &r.id)?),
            Field::Part(_) => return None,
        })
    }

    /// Set `field` to `value`, as typed. Figures keep their text even when it does not parse
    /// (the check reports it); only fields with a fixed set of values refuse input.
    pub fn set(&mut self, field: &Field, value: &str) -> Result<(), EditError> {
        fn find<'a, T>(
            rows: &'a mut [T],
            id: &str,
            of: fn(&T) -> &str,
            field: &Field,
        ) -> Result<&'a mut T, EditError> {
            rows.iter_mut()
                .find(|r| of(r) == id)
                .ok_or_else(|| EditError(UnknownField(field.to_string()).to_string()))
        }
        // pasted text may carry control characters that break every document format
        let value = &*crate::base::text::clean(value);
        let whole = field;
        match field {
            Field::Name => Text::store(&mut self.name, value),
            Field::Conclusion => Text::store(&mut self.conclusion, value),
            Field::Unit(f) => f.set(&mut self.unit, value),
            Field::Signoff(f) => f.set(&mut self.signoff, value),
            Field::Spending(f) => f.set(&mut self.budget.spending, value),
            Field::Task { id, field } => {
                field.set(find(&mut self.tasks, id, |r| &r.id, whole)?, value)
            }
            Field::Goal { id, field } => {
                field.set(find(&mut self.goals, id, |r| &r.id, whole)?, value)
            }
            Field::Budget { group, id, field } => {
                let rows = self.budget.rows_mut(*group);
                field.set(find(rows, id, |r| &r.id, whole)?, value)
            }
            Field::Indicator { id, field } => {
                field.set(find(&mut self.indicators, id, |r| &r.id, whole)?, value)?;
                // a weight set by hand is the user's, not the pack's assumption
                if *field == IndicatorField::Weight {
                    self.weights_confirmed = true;
                }
                Ok(())
            }
            Field::Section { id, field } => {
                field.set(find(&mut self.sections, id, |r| &r.id, whole)?, value)
            }
            Field::Problem { id, field } => {
                field.set(find(&mut self.problems, id, |r| &r.id, whole)?, value)
            }
            Field::Part(_) => Err(EditError(UnknownField(field.to_string()).to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn every_field_prints_as_its_path_and_parses_back() {
        let r = sample();
        let mut all = vec![Field::Name, Field::Conclusion];
        all.extend(UnitField::ALL.iter().map(|f| Field::Unit(*f)));
        all.extend(SignoffField::ALL.iter().map(|f| Field::Signoff(*f)));
        all.extend(SpendingField::ALL.iter().map(|f| Field::Spending(*f)));
        for f in IndicatorField::ALL {
            all.push(Field::indicator(&r.indicators[0].id, *f));
        }
        for f in BudgetField::ALL {
            all.push(Field::budget(Group::Uses, &r.budget.uses[0].id, *f));
        }
        for f in SectionField::ALL {
            all.push(Field::section(&r.sections[0].id, *f));
        }
        for field in &all {
            let text = field.to_string();
            assert_eq!(&text.parse::<Field>().unwrap(), field, "{text}");
            // every field reads, and takes back what it shows
            let shown = r.get(field).unwrap();
            let mut copy = r.clone();
            copy.set(field, &shown).unwrap();
            copy.weights_confirmed = r.weights_confirmed; // setting a weight confirms it
            assert_eq!(copy, r, "{text}");
        }
        assert_eq!(
            Field::budget(Group::Sources, "src-1", BudgetField::Executed).to_string(),
            "budget.sources.src-1.executed"
        );
        assert_eq!(
            "indicators.ind-3.weight".parse::<Field>().unwrap(),
            Field::indicator("ind-3", IndicatorField::Weight)
        );
        for bad in [
            "",
            "unit.nom",
            "budget.other.x.initial",
            "indicators..weight",
            "a.b.c.d.e",
        ] {
            assert!(bad.parse::<Field>().is_err(), "{bad}");
        }
    }

    #[test]
    fn fields_described_as_a_user_reads_them() {
        let r = sample();
        let i = &r.indicators[0];
        assert_eq!(
            Field::indicator(&i.id, IndicatorField::Reason).describe(&r),
            format!("绩效指标 · {} · 偏差原因", i.level3)
        );
        assert_eq!(
            Field::Unit(UnitField::Contact).describe(&r),
            "基本信息 · 联系人"
        );
        assert_eq!(Field::Part(Part::Budget).describe(&r), "预算执行情况");
        let s = &r.sections[1];
        assert_eq!(
            Field::section(&s.id, SectionField::Text).describe(&r),
            format!("{} · 正文", s.title)
        );
    }

    #[test]
    fn parts_of_fields() {
        assert_eq!(Field::Unit(UnitField::Name).part(), Part::Info);
        assert_eq!(
            Field::section("sec-4", SectionField::Text).part(),
            Part::Section("sec-4".into())
        );
        assert_eq!(
            Field::problem("prob-1", ProblemField::Measure).part(),
            Part::Closing
        );
        assert_eq!(Part::from_slug("budget"), Part::Budget);
        assert_eq!(Part::from_slug("sec-2").slug(), "sec-2");
        assert_eq!(
            "indicators".parse::<Field>().unwrap().part(),
            Part::Indicators
        );
    }

    #[test]
    fn fixed_value_fields_refuse_bad_input_and_change_nothing() {
        let mut r = sample();
        let before = r.clone();
        let e = r
            .set(&Field::Unit(UnitField::Year), "二〇二一")
            .unwrap_err();
        assert!(e.0.contains("四位数字"));
        let level = Field::section(&r.sections[0].id.clone(), SectionField::Level);
        assert!(r.set(&level, "9").is_err());
        let gone = Field::indicator("no-such-row", IndicatorField::Weight);
        assert!(r.set(&gone, "1").is_err());
        assert_eq!(r, before);
    }
}
