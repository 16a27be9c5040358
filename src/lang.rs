//! The languages the app speaks, and the one trait every user-facing message implements.
//!
//! Texts are written in Chinese and English ([`Lang`]). The page also speaks 繁體中文
//! ([`Locale::Hant`]): the Simplified text converted by [`crate::hant`] just before it is shown, so
//! there is one Chinese text to keep right.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// A language of the interface and of messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Lang {
    /// 简体中文, the default: most users read mainland statements.
    #[default]
    #[serde(rename = "zh")]
    Zh,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Picks a language from a BCP 47 tag such as the browser's `navigator.language`.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The BCP 47 tag to put in `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

/// Something that can be told to the user in each language.
pub trait Localized {
    /// The message in `lang`.
    fn message(&self, lang: Lang) -> String;
}

/// The language the page is shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// 简体中文.
    #[default]
    Hans,
    /// 繁體中文.
    Hant,
    /// English.
    En,
}

impl Locale {
    /// The language of the texts behind this locale.
    pub fn lang(self) -> Lang {
        match self {
            Locale::Hans | Locale::Hant => Lang::Zh,
            Locale::En => Lang::En,
        }
    }

    /// Picks the locale from a BCP 47 tag such as `navigator.language`: Taiwan, Hong Kong,
    /// Macau and any `zh-Hant` tag get Traditional characters.
    pub fn from_tag(tag: &str) -> Locale {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        if !tag.starts_with("zh") {
            return Locale::En;
        }
        let traditional = tag
            .split('-')
            .skip(1)
            .any(|part| matches!(part, "hant" | "tw" | "hk" | "mo"))
            && !tag.split('-').any(|part| part == "hans");
        if traditional {
            Locale::Hant
        } else {
            Locale::Hans
        }
    }

    /// The tag for `<html lang>` and for storing the choice.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Hans => "zh-CN",
            Locale::Hant => "zh-Hant",
            Locale::En => "en",
        }
    }

    /// A text written in Simplified Chinese or English, as this locale shows it.
    pub fn show<'a>(self, text: impl Into<Cow<'a, str>>) -> Cow<'a, str> {
        let text = text.into();
        match self {
            Locale::Hant => Cow::Owned(crate::hant::to_traditional(&text)),
            Locale::Hans | Locale::En => text,
        }
    }

    /// `zh` or `en`, as this locale shows it.
    pub fn pick(self, zh: &'static str, en: &'static str) -> Cow<'static, str> {
        match self {
            Locale::Hans => Cow::Borrowed(zh),
            Locale::Hant => Cow::Owned(crate::hant::to_traditional(zh)),
            Locale::En => Cow::Borrowed(en),
        }
    }

    /// A message from the modules below the interface, in this locale.
    pub fn say(self, message: &impl Localized) -> String {
        self.show(message.message(self.lang())).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_language_from_browser_tag() {
        for (tag, lang) in [
            ("zh-CN", Lang::Zh),
            ("zh", Lang::Zh),
            ("ZH-tw", Lang::Zh),
            ("en-GB", Lang::En),
            ("de", Lang::En),
            ("", Lang::En),
        ] {
            assert_eq!(Lang::from_tag(tag), lang, "{tag}");
        }
    }

    #[test]
    fn picks_locale_from_browser_tag() {
        for (tag, locale) in [
            ("zh-CN", Locale::Hans),
            ("zh", Locale::Hans),
            ("zh-SG", Locale::Hans),
            ("zh-TW", Locale::Hant),
            ("zh-HK", Locale::Hant),
            ("zh_MO", Locale::Hant),
            ("zh-Hant-TW", Locale::Hant),
            ("zh-Hans-HK", Locale::Hans),
            ("en-GB", Locale::En),
            ("fr", Locale::En),
        ] {
            assert_eq!(Locale::from_tag(tag), locale, "{tag}");
            assert_eq!(
                Locale::from_tag(locale.tag()),
                locale,
                "round trip of {tag}"
            );
        }
    }

    #[test]
    fn traditional_locale_converts_only_when_shown() {
        assert_eq!(Locale::Hant.pick("账单", "statement"), "賬單");
        assert_eq!(Locale::Hans.pick("账单", "statement"), "账单");
        assert_eq!(Locale::En.pick("账单", "statement"), "statement");
        assert_eq!(Locale::Hant.lang(), Lang::Zh);
    }
}
