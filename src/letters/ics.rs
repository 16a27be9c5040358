//! Calendar files (iCalendar, RFC 5545): a reminder a few days before a stream's next charge,
//! and one for a letter's reply deadline. Each holds one all-day event (`VALUE=DATE`) with a
//! stable UID, lines end in CRLF and are folded at 75 octets, text values are escaped.

use chrono::{Duration, Months, NaiveDate};

use super::text::{clean, money, tr};
use super::Letter;
use crate::analysis::{Frequency, Stream};
use crate::lang::Lang;

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line to at most 75 octets per physical line (RFC 5545 §3.1), never inside
/// a UTF-8 character, and ends every physical line with CRLF.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

/// A 64-bit FNV-1a hash, for UIDs that stay the same for the same event.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn date_value(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

struct Event {
    uid: String,
    stamp: NaiveDate,
    day: NaiveDate,
    summary: String,
    description: String,
    alarm: String,
}

fn calendar(lang: Lang, event: &Event) -> String {
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        format!(
            "PRODID:-//Statement Checker//Letters//{}",
            match lang {
                Lang::Zh => "ZH",
                Lang::En => "EN",
            }
        ),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", event.uid),
        format!("DTSTAMP:{}T000000Z", date_value(event.stamp)),
        format!("DTSTART;VALUE=DATE:{}", date_value(event.day)),
        format!(
            "DTEND;VALUE=DATE:{}",
            date_value(event.day + Duration::days(1))
        ),
        format!("SUMMARY:{}", escape_text(&event.summary)),
        format!("DESCRIPTION:{}", escape_text(&event.description)),
        "TRANSP:TRANSPARENT".to_string(),
        "BEGIN:VALARM".to_string(),
        "ACTION:DISPLAY".to_string(),
        format!("DESCRIPTION:{}", escape_text(&event.alarm)),
        "TRIGGER:PT9H".to_string(),
        "END:VALARM".to_string(),
        "END:VEVENT".to_string(),
        "END:VCALENDAR".to_string(),
    ];
    lines.iter().map(|l| fold(l)).collect()
}

/// The next charge after `date` for a stream of this frequency.
fn step(date: NaiveDate, frequency: Frequency) -> Option<NaiveDate> {
    match frequency {
        Frequency::Weekly => Some(date + Duration::days(7)),
        Frequency::Biweekly => Some(date + Duration::days(14)),
        Frequency::Semimonthly => Some(date + Duration::days(15)),
        Frequency::Monthly => date.checked_add_months(Months::new(1)),
        Frequency::Bimonthly => date.checked_add_months(Months::new(2)),
        Frequency::Quarterly => date.checked_add_months(Months::new(3)),
        Frequency::Semiannually => date.checked_add_months(Months::new(6)),
        Frequency::Annually => date.checked_add_months(Months::new(12)),
        Frequency::Irregular => None,
    }
}

/// The next expected charge of an active stream and the day to be reminded, `days_before`
/// it; if that day has passed by `today`, the stream's rhythm is followed to the next charge
/// still ahead. `None` for a stream that has ended or has no rhythm to follow.
pub fn reminder_date(
    stream: &Stream,
    days_before: u32,
    today: NaiveDate,
) -> Option<(NaiveDate, NaiveDate)> {
    let mut next = stream.next_expected.filter(|_| stream.active)?;
    let lead = Duration::days(i64::from(days_before));
    for _ in 0..1000 {
        let remind = next - lead;
        if remind >= today {
            return Some((next, remind));
        }
        next = step(next, stream.frequency)?;
    }
    None
}

/// A calendar file with one all-day event `days_before` the stream's next expected charge
/// (see [`reminder_date`]); `today` is the file's time stamp. `None` when the stream has no next
/// charge to remind of.
pub fn reminder_ics(
    stream: &Stream,
    lang: Lang,
    days_before: u32,
    today: NaiveDate,
) -> Option<String> {
    let (next, remind) = reminder_date(stream, days_before, today)?;
    let who = clean(&stream.counterparty);
    let amount = money(stream.typical_amount_minor, stream.currency, lang);
    let (summary, description, alarm) = match lang {
        Lang::Zh => (
            format!("扣款提醒：{who} 预计 {next} 扣款约 {amount}"),
            format!(
                "{who} 的定期扣款预计在 {next} 发生，金额约 {amount}。如不再需要，请在扣款前关闭自动续费或扣款协议，并截图留存。（由账单体检生成，数据只在您的设备上。）"
            ),
            format!("{who} 将在 {days_before} 天后扣款"),
        ),
        Lang::En => (
            format!("Charge reminder: {who}, about {amount} on {next}"),
            format!(
                "{who} is expected to charge about {amount} on {next}. If you no longer want it, cancel the subscription or deduction agreement before then and keep a screenshot. (Made by Statement Checker; your data stays on your device.)"
            ),
            format!("{who} charges in {days_before} days"),
        ),
    };
    let uid = format!(
        "{:016x}-reminder@statement-checker.invalid",
        fnv(&format!(
            "{}|{}|{}|{next}|{days_before}",
            stream.counterparty, stream.currency, stream.first
        ))
    );
    Some(calendar(
        lang,
        &Event {
            uid,
            stamp: today,
            day: remind,
            summary,
            description,
            alarm,
        },
    ))
}

/// A calendar file with one all-day event on the letter's reply deadline.
pub fn deadline_ics(letter: &Letter) -> String {
    let lang = letter.lang;
    let summary = format!(
        "{}{}",
        tr(lang, "答复期限：", "Reply due: "),
        letter.subject
    );
    let description = match lang {
        Lang::Zh => format!(
            "{} 发出的信件，收件方：{}。请于今日核对是否收到答复；未获答复可按信中所述转向下一渠道。",
            letter.date, letter.recipient
        ),
        Lang::En => format!(
            "Letter of {} to {}. Check today whether they have answered; if not, take the next step the letter names.",
            letter.date, letter.recipient
        ),
    };
    let alarm = tr(
        lang,
        "信件答复期限到了",
        "The letter's reply deadline is today",
    )
    .to_string();
    let uid = format!(
        "{:016x}-deadline@statement-checker.invalid",
        fnv(&format!(
            "{}|{}|{}|{:?}",
            letter.subject,
            letter.channel.id(),
            letter.deadline,
            letter.finding
        ))
    );
    calendar(
        lang,
        &Event {
            uid,
            stamp: letter.date,
            day: letter.deadline,
            summary,
            description,
            alarm,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let ascii = "X".repeat(200);
        let folded = fold(&ascii);
        for line in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{}", line.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), format!("{ascii}\r\n"));
        let chinese = format!("SUMMARY:{}", "扣款提醒".repeat(20));
        let folded = fold(&chinese);
        for line in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{}", line.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), format!("{chinese}\r\n"));
    }

    #[test]
    fn escapes_text_values() {
        assert_eq!(escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d e");
        assert_eq!(escape_text("x\u{202E}y"), "xy");
    }

    #[test]
    fn steps_follow_the_calendar() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(
            step(d(2026, 1, 31), Frequency::Monthly),
            Some(d(2026, 2, 28))
        );
        assert_eq!(step(d(2026, 1, 31), Frequency::Weekly), Some(d(2026, 2, 7)));
        assert_eq!(
            step(d(2024, 2, 29), Frequency::Annually),
            Some(d(2025, 2, 28))
        );
        assert_eq!(step(d(2026, 1, 31), Frequency::Irregular), None);
    }
}
