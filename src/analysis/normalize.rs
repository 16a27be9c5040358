//! Counterparty keys: the same merchant written many ways (`支付宝-饿了么`, `饿了么 `, `上海拉扎斯信息科技
//! 有限公司（饿了么）`, `MERCHANT 007919 AUTO RENEW`) becomes one grouping key, while the display name
//! and the legal name stay as printed.

/// Payment rails that banks print before the real merchant (`支付宝-饿了么`, `财付通-微信支付-罗森`).
const RAIL_PREFIXES: &[&str] = &[
    "财付通-微信支付-",
    "财付通-",
    "支付宝-",
    "微信支付-",
    "美团支付-",
    "京东支付-",
    "抖音支付-",
    "云闪付-",
    "银联在线-",
    "网上快捷支付-",
];

/// Legal-form and business-descriptor words that say nothing about which merchant it is.
const LEGAL_WORDS: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "分公司",
    "公司",
    "网络技术",
    "信息技术",
    "网络科技",
    "科技",
    "电子商务",
];

/// Words in Latin-script bank descriptions that are about the payment, not the payee.
const LATIN_NOISE: &[&str] = &[
    "pos",
    "card",
    "visa",
    "mastercard",
    "debit",
    "purchase",
    "payment",
    "pmt",
    "dd",
    "so",
    "ref",
];

/// Removes a payment-rail prefix such as `支付宝-`; returns the text unchanged without one.
pub fn strip_rail(text: &str) -> &str {
    let trimmed = text.trim();
    for prefix in RAIL_PREFIXES {
        if let Some(rest) = trimmed.strip_prefix(prefix) {
            if !rest.trim().is_empty() {
                return strip_rail(rest);
            }
        }
    }
    trimmed
}

/// Whether the text starts with a payment-rail prefix (a bank row mirroring a wallet payment).
pub fn rail_of(text: &str) -> Option<&'static str> {
    let trimmed = text.trim();
    RAIL_PREFIXES
        .iter()
        .find(|p| trimmed.starts_with(**p))
        .map(|p| match *p {
            "支付宝-" => "alipay",
            "财付通-" | "财付通-微信支付-" | "微信支付-" => "wechat",
            _ => "other",
        })
}

/// Full-width ASCII to half-width, ideographic space to space, ASCII lower case.
pub fn fold_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Removes bracketed parts: `（南山店）`, `(8705)`, `【官方】`.
fn drop_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' | '【' | '〔' | '{' => depth += 1,
            ')' | ']' | '】' | '〕' | '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    // A name that is nothing but brackets keeps its inside.
    if out.trim().is_empty() {
        text.to_string()
    } else {
        out
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// The grouping key of a counterparty (or of a description, when there is no counterparty).
pub fn counterparty_key(raw: &str) -> String {
    let folded = fold_width(strip_rail(raw));
    let folded = drop_brackets(&folded);
    let cjk = folded.chars().filter(|c| is_cjk(*c)).count();
    let latin = folded.chars().filter(|c| c.is_ascii_alphabetic()).count();
    if cjk == 0 && latin > 0 {
        return latin_key(&folded);
    }
    let mut key: String = drop_amounts(&folded)
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '*')
        .collect();
    for word in LEGAL_WORDS {
        if key.len() > word.len() + 3 {
            key = key.replace(word, "");
        }
    }
    let key = drop_long_digit_runs(&key);
    if key.is_empty() {
        folded.trim().to_string()
    } else {
        key
    }
}

/// Latin-script payees: the first two meaningful words (`MERCHANT 007919 AUTO RENEW` →
/// `merchant 007919`, `NETFLIX.COM 866-579` → `netflix com`).
fn latin_key(folded: &str) -> String {
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| !LATIN_NOISE.contains(w))
        .filter(|w| !(w.len() >= 8 && w.bytes().all(|b| b.is_ascii_digit())))
        .collect();
    words.iter().take(2).copied().collect::<Vec<_>>().join(" ")
}

/// Removes amounts written into a name (`结息：2.50扣税：0`): decimal numbers, and numbers right
/// after a colon, so the same payer keeps one key whatever it paid.
fn drop_amounts(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let after_colon = i > 0 && matches!(chars[i - 1], ':' | '：');
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == ',')
            {
                i += 1;
            }
            let number: String = chars[start..i].iter().collect();
            if !(after_colon || number.contains('.')) {
                out.push_str(&number);
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Digit runs of eight or more are order numbers, dates or terminal ids, never the name.
fn drop_long_digit_runs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once('\u{0}')) {
        if c.is_ascii_digit() {
            run.push(c);
            continue;
        }
        if run.len() < 8 {
            out.push_str(&run);
        }
        run.clear();
        if c != '\u{0}' {
            out.push(c);
        }
    }
    out
}

/// A key for what was bought: digits (dates, periods, amounts) and punctuation removed, so that
/// `2026年07月账单` and `2026年08月账单` fall together.
pub fn description_key(description: &str) -> String {
    fold_width(description)
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect()
}

/// Whether any of `needles` occurs in any of `haystacks` (after width folding and lower-casing):
/// the plain search that `signals::Words::of` does in one pass, and is tested against.
pub fn mentions(haystacks: &[&str], needles: &[&str]) -> bool {
    haystacks.iter().any(|h| {
        let folded = fold_width(h);
        needles.iter().any(|n| folded.contains(n))
    })
}

/// Similarity of two short texts as the overlap of their character bigrams (0.0–1.0).
pub fn bigram_similarity(a: &str, b: &str) -> f64 {
    let grams = |s: &str| -> Vec<(char, char)> {
        let chars: Vec<char> = s.chars().collect();
        let mut g: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        g.sort_unstable();
        g.dedup();
        g
    };
    let (x, y) = (grams(a), grams(b));
    if x.is_empty() || y.is_empty() {
        return if a == b { 1.0 } else { 0.0 };
    }
    let common = x.iter().filter(|g| y.binary_search(g).is_ok()).count();
    common as f64 / (x.len() + y.len() - common) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_the_ways_a_merchant_is_written() {
        let same: &[(&str, &str)] = &[
            ("支付宝-饿了么", "饿了么"),
            ("饿了么 ", "饿了么"),
            ("财付通-微信支付-罗森", "罗森"),
            ("ＱＱ音乐", "qq音乐"),
            ("QQ音乐 ", "qq音乐"),
            ("元保保险经纪(北京)有限公司", "元保保险经纪"),
            ("元保保险经纪（北京）有限公司广西分公司", "元保保险经纪广西"),
            ("点石成金", "财付通-点石成金"),
            (
                "MERCHANT 197975 LOAN",
                "MERCHANT 197975 DIRECT DEBIT SERVICE FEE",
            ),
            ("Apple STORAGE", "APPLE storage"),
            ("瑞幸咖啡 20260928123456", "瑞幸咖啡"),
            ("结息：2.50扣税：0", "结息：12.31扣税：0"),
        ];
        for (a, b) in same {
            assert_eq!(counterparty_key(a), counterparty_key(b), "{a} ~ {b}");
        }
        let different: &[(&str, &str)] = &[
            (
                "MERCHANT 007919 AUTO RENEW MEMBERSHIP",
                "MERCHANT 237570 AUTO RENEW MEMBERSHIP",
            ),
            ("12306铁路客户服务中心", "12307铁路客户服务中心"),
            ("刘*", "张*"),
            ("中国移动", "中国联通"),
        ];
        for (a, b) in different {
            assert_ne!(counterparty_key(a), counterparty_key(b), "{a} ≁ {b}");
        }
    }

    #[test]
    fn rails_and_descriptions() {
        assert_eq!(rail_of("支付宝-永辉超市"), Some("alipay"));
        assert_eq!(rail_of("财付通-罗森"), Some("wechat"));
        assert_eq!(rail_of("罗森"), None);
        assert_eq!(strip_rail("支付宝-"), "支付宝-");
        assert_eq!(
            description_key("花呗主动还款-2026年07月账单"),
            description_key("花呗主动还款-2026年08月账单")
        );
        assert!(bigram_similarity("权益服务费代扣", "会员服务费代扣") >= 0.5);
        assert!(bigram_similarity("饿了么订单", "周卡自动续费代扣") < 0.2);
    }
}
