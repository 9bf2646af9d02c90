//! The project ledger as a sheet (项目台账), both ways: the columns our xlsx export writes
//! and the import reads, so that exporting and importing again changes nothing. Clerks'
//! own ledgers name the same columns in their own words, so each field has synonyms.
//! Projects are matched by park and name (and builder, where names repeat): a known
//! project is a change, a new one an add.

use jiff::civil::Date;

use super::{Context, ImportPlan, Sheet, header_index, parse_number, place, skip, unit_in};
use crate::i18n::{tr, trf};
use crate::domain::indicator::convert_unit;
use crate::domain::project::{Currency, KeyLevel, Project, ProjectKind, ProjectStatus, YearInvestment};
use crate::domain::{Park, ProgressEntry};

/// The sheet name our export gives the ledger.
pub const SHEET: &str = "项目台账";

/// Fields of a project row and the headers that name them; the first is what we write.
const FIELDS: &[(Field, &[&str])] = &[
    (Field::Park, &["园区", "园区名称"]),
    (Field::Name, &["项目名称", "项目"]),
    (Field::Company, &["建设单位", "项目单位", "企业名称", "投资主体"]),
    (Field::Chain, &["产业链", "所属产业", "产业类别"]),
    (Field::Kind, &["建设性质", "性质"]),
    (Field::Level, &["重点级别", "项目级别", "级别"]),
    (Field::Capacity, &["建设规模及内容", "建设内容", "建设规模"]),
    (Field::Investment, &["总投资", "计划总投资", "投资额"]),
    (Field::Currency, &["币种"]),
    (Field::Status, &["状态", "项目状态", "进展状态"]),
    (Field::Signed, &["签约日期", "签约时间"]),
    (Field::Started, &["开工日期", "开工时间"]),
    (Field::Planned, &["计划竣工日期", "计划竣工时间"]),
    (Field::Completed, &["竣工日期", "竣工时间", "投产日期"]),
    (Field::PlanYear, &["计划年度", "年度"]),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Park,
    Name,
    Company,
    Chain,
    Kind,
    Level,
    Capacity,
    Investment,
    Currency,
    Status,
    Signed,
    Started,
    Planned,
    Completed,
    PlanYear,
}

/// The header row our export writes: the fields, then `N年完成投资(万元)` for each year.
pub fn headers(years: &[i32]) -> Vec<String> {
    FIELDS
        .iter()
        .map(|(f, names)| if *f == Field::Investment { format!("{}(万元)", names[0]) } else { names[0].to_owned() })
        .chain(years.iter().map(|y| format!("{y}年完成投资(万元)")))
        .collect()
}

/// One project as the cells of [`headers`]: text, or a number for amounts.
pub fn row(p: &Project, park: &str, years: &[i32]) -> Vec<Cell> {
    let text = |s: &str| Cell::Text(s.to_owned());
    let date = |d: Option<Date>| Cell::Text(d.map(|d| d.to_string()).unwrap_or_default());
    let mut out = vec![
        text(park),
        text(&p.name),
        text(&p.company),
        text(&p.chain),
        text(p.kind.label_zh()),
        text(p.key_level.label_zh()),
        text(&p.capacity),
        p.investment.map_or(Cell::Text(String::new()), Cell::Number),
        text(p.currency.label_zh()),
        text(p.status.label_zh()),
        date(p.signed_on),
        date(p.started_on),
        date(p.planned_completion),
        date(p.completed_on),
        p.plan_year.map_or(Cell::Text(String::new()), |y| Cell::Number(f64::from(y))),
    ];
    out.extend(years.iter().map(|y| {
        p.yearly.iter().find(|i| i.year == *y).map_or(Cell::Text(String::new()), |i| Cell::Number(i.amount))
    }));
    out
}

/// A cell our export writes.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
}

/// Whether a header row is a project ledger: it names the project and one of status,
/// investment or builder.
pub fn is_ledger(headers: &[String]) -> bool {
    let has = |f: Field| column(headers, f).is_some();
    has(Field::Name) && (has(Field::Status) || has(Field::Investment) || has(Field::Company))
}

fn column(headers: &[String], field: Field) -> Option<usize> {
    FIELDS.iter().find(|(f, _)| *f == field).and_then(|(_, names)| header_index(headers, names))
}

/// `2021年完成投资`, `2021年投资` or `2021年度完成投资` headers: the year of each.
fn year_columns(headers: &[String]) -> Vec<(usize, i32, Option<&'static str>)> {
    headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let h = crate::domain::period::normalize_width(h);
            let (year, rest) = h.trim().split_once('年')?;
            let rest = rest.trim_start_matches('度');
            (rest.starts_with("完成投资") || rest.starts_with("投资") || rest.starts_with("完成"))
                .then(|| year.parse::<i32>().ok().filter(|y| (1900..=2200).contains(y)))
                .flatten()
                .map(|y| (i, y, unit_in(&h)))
        })
        .collect()
}

/// A date as clerks type it (`2021-03-15`, `2021/3/15`, `2021.3.15`, `2021年3月15日`,
/// `2021年3月` as the 1st) or as Excel stores it (days since 1899-12-30).
pub fn parse_date(text: &str) -> Option<Date> {
    let t = crate::domain::period::normalize_width(text.trim());
    if t.is_empty() {
        return None;
    }
    if let Ok(serial) = t.parse::<f64>() {
        // Excel's serial dates for 1950–2100.
        if (18_264.0..=73_051.0).contains(&serial) {
            let base = jiff::civil::date(1899, 12, 30);
            return base.checked_add(jiff::Span::new().days(serial.trunc() as i64)).ok();
        }
        return None;
    }
    let parts: Vec<i32> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map_while(|s| s.parse().ok())
        .collect();
    match parts[..] {
        [y, m, d] => Date::new(i16::try_from(y).ok()?, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok(),
        [y, m] => Date::new(i16::try_from(y).ok()?, i8::try_from(m).ok()?, 1).ok(),
        _ => None,
    }
}

/// Reads a ledger sheet into the plan. `default_park` is for sheets without a 园区 column.
pub(super) fn ledger_sheet(cx: &Context<'_>, plan: &mut ImportPlan, sheet: &Sheet, h: usize, default_park: Option<&Park>) {
    let hd = &sheet.rows[h];
    let Some(c_name) = column(hd, Field::Name) else { return };
    let years = year_columns(hd);
    let inv_unit = column(hd, Field::Investment).and_then(|c| unit_in(&hd[c])).unwrap_or("万元");
    for (r, cells) in sheet.rows.iter().enumerate().skip(h + 1) {
        cx.progress.advance(1);
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let cell = |f: Field| column(hd, f).and_then(|c| cells.get(c)).map_or("", |s| s.trim());
        let at = |f: Field| place(&sheet.name, r, column(hd, f).unwrap_or(c_name));
        let name = cell(Field::Name);
        if name.is_empty() {
            plan.skips.push(skip(&at(Field::Name), tr("import_err.no_project_name").to_owned()));
            continue;
        }
        let Some(park_id) = cx.park_for(cell(Field::Park), default_park) else {
            plan.skips.push(skip(&at(Field::Park), trf("import_err.no_park", &[&cell(Field::Park)])));
            continue;
        };
        // Parks have projects of the same name by different builders (7 companies of one
        // signing); the builder tells them apart.
        let same_name: Vec<&Project> = cx.projects.iter().filter(|p| p.park_id == park_id && p.name == name).collect();
        let company = cell(Field::Company);
        let existing = match same_name[..] {
            [] => None,
            [one] => Some(one),
            _ => match same_name.iter().find(|p| p.company == company) {
                Some(p) => Some(*p),
                None if company.is_empty() => {
                    plan.skips.push(skip(&at(Field::Name), tr("import_err.ambiguous_project").to_owned()));
                    continue;
                }
                None => None,
            },
        };
        match read_project(cell, &at, &years, cells, inv_unit, &sheet.name, r, existing, park_id) {
            Err(skip) => plan.skips.push(skip),
            Ok(p) => match existing {
                None => plan.project_adds.push((p, at(Field::Name))),
                Some(old) if same_project(old, &p) => plan.unchanged += 1,
                Some(_) => plan.project_changes.push((p, at(Field::Name))),
            },
        }
    }
}

/// The project a row describes; an empty cell keeps what an existing project has.
#[allow(clippy::too_many_arguments)]
fn read_project<'a>(
    cell: impl Fn(Field) -> &'a str,
    at: &impl Fn(Field) -> String,
    years: &[(usize, i32, Option<&'static str>)],
    cells: &[String],
    inv_unit: &str,
    sheet: &str,
    r: usize,
    existing: Option<&Project>,
    park_id: i64,
) -> Result<Project, String> {
    let mut p = existing.cloned().unwrap_or_else(|| Project::new(park_id, cell(Field::Name)));
    let text = |f: Field, into: &mut String| {
        let v = cell(f);
        if !v.is_empty() {
            v.clone_into(into);
        }
    };
    text(Field::Company, &mut p.company);
    text(Field::Chain, &mut p.chain);
    text(Field::Capacity, &mut p.capacity);
    let choice = |f: Field, what: &str| -> Result<Option<&'a str>, String> {
        let v = cell(f);
        Ok((!v.is_empty()).then_some(v)).and_then(|v| match v {
            Some(v) if v.chars().count() > 40 => Err(skip(&at(f), trf("import_err.too_long", &[&what, &v]))),
            other => Ok(other),
        })
    };
    let unknown = |f: Field, what: &str, v: &str| skip(&at(f), trf("import_err.unknown_value", &[&what, &v]));
    if let Some(v) = choice(Field::Kind, "建设性质")? {
        p.kind = ProjectKind::parse(v).ok_or_else(|| unknown(Field::Kind, "建设性质", v))?;
    }
    if let Some(v) = choice(Field::Level, "重点级别")? {
        p.key_level = KeyLevel::parse(v).ok_or_else(|| unknown(Field::Level, "重点级别", v))?;
    }
    if let Some(v) = choice(Field::Currency, "币种")? {
        p.currency = Currency::parse(v).ok_or_else(|| unknown(Field::Currency, "币种", v))?;
    }
    if let Some(v) = choice(Field::Status, "状态")? {
        p.status = ProjectStatus::parse(v).ok_or_else(|| unknown(Field::Status, "状态", v))?;
    }
    let amount = |f: Field, raw: &str, unit: &str| -> Result<f64, String> {
        let v = parse_number(raw).ok_or_else(|| skip(&at(f), trf("import_err.not_a_number", &[&raw])))?;
        let v = convert_unit(v, unit, "万元").unwrap_or(v);
        if v < 0.0 {
            return Err(skip(&at(f), tr("rule.negative_investment").to_owned()));
        }
        Ok(v)
    };
    let inv = cell(Field::Investment);
    if !inv.is_empty() {
        p.investment = Some(amount(Field::Investment, inv, inv_unit)?);
    }
    for (f, slot) in [
        (Field::Signed, &mut p.signed_on),
        (Field::Started, &mut p.started_on),
        (Field::Planned, &mut p.planned_completion),
        (Field::Completed, &mut p.completed_on),
    ] {
        let v = cell(f);
        if !v.is_empty() {
            *slot = Some(parse_date(v).ok_or_else(|| skip(&at(f), trf("import_err.not_a_date", &[&v])))?);
        }
    }
    if let (Some(a), Some(b)) = (p.started_on, p.completed_on)
        && b < a
    {
        return Err(skip(&at(Field::Completed), tr("rule.completion_before_start").to_owned()));
    }
    let year = cell(Field::PlanYear);
    if !year.is_empty() {
        let y = parse_number(year).filter(|y| y.fract() == 0.0 && (1900.0..=2200.0).contains(y));
        p.plan_year = Some(y.ok_or_else(|| skip(&at(Field::PlanYear), trf("import_err.not_a_year", &[&year])))? as i32);
    }
    for &(c, year, unit) in years {
        let raw = cells.get(c).map_or("", |s| s.trim());
        if raw.is_empty() {
            continue;
        }
        let v = parse_number(raw).ok_or_else(|| skip(&place(sheet, r, c), trf("import_err.not_a_number", &[&raw])))?;
        let v = convert_unit(v, unit.unwrap_or("万元"), "万元").unwrap_or(v);
        if v < 0.0 {
            return Err(skip(&place(sheet, r, c), tr("rule.negative_investment").to_owned()));
        }
        p.yearly.retain(|i| i.year != year);
        p.yearly.push(YearInvestment { year, amount: v });
    }
    p.yearly.sort_by_key(|i| i.year);
    Ok(p)
}

/// Whether an import row leaves a stored project as it is (the log is not compared).
pub(crate) fn same_project(a: &Project, b: &Project) -> bool {
    let strip = |p: &Project| Project { progress: Vec::<ProgressEntry>::new(), ..p.clone() };
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(1.0);
    let (a, b) = (strip(a), strip(b));
    let inv = match (a.investment, b.investment) {
        (Some(x), Some(y)) => close(x, y),
        (x, y) => x == y,
    };
    let yearly = a.yearly.len() == b.yearly.len()
        && a.yearly.iter().zip(&b.yearly).all(|(x, y)| x.year == y.year && close(x.amount, y.amount));
    inv && yearly && Project { investment: None, yearly: Vec::new(), ..a } == Project { investment: None, yearly: Vec::new(), ..b }
}
