//! Text after a fixed, valid header of one of the CSV families (Alipay's three layouts, WeChat
//! Pay, a Chinese bank, an English bank, an unknown bank read with guessed columns), so the
//! fuzzer spends its time in the row readers instead of finding a header first.
#![no_main]

use libfuzzer_sys::fuzz_target;
use statement_checker::import::import_file;
use statement_checker_fuzz::{analyse_and_export, check_files};

/// Headers as the exports write them, each ending with a line break.
const HEADERS: [&str; 8] = [
    // Alipay app export, 2023 and later.
    "导出信息：\n共1笔记录\n------------------------支付宝支付科技有限公司  电子客户回单------------------------\n交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,\n",
    // Alipay app export, 2021–22.
    "----支付宝（中国）网络技术有限公司  电子客户回单----\n收/支,交易对方,对方账号,商品说明,收/付款方式,金额,交易状态,交易分类,交易订单号,商家订单号,交易时间,\n",
    // Alipay web export.
    "支付宝交易记录明细查询\n交易号,商家订单号,交易创建时间,付款时间,最近修改时间,交易来源地,类型,交易对方,商品名称,金额（元）,收/支,交易状态,服务费（元）,成功退款（元）,备注,资金状态,\n",
    // WeChat Pay CSV.
    "微信支付账单明细,,,,,,,,,,\n----------------------微信支付账单明细列表--------------------,,,,,,,,,,\n交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注\n",
    // CMB debit card.
    "# 招商银行交易记录\n# 账号: [一卡通:6214********1234]\n交易日期,交易时间,收入,支出,余额,交易类型,交易备注\n",
    // English bank CSV.
    "Date,Description,Amount,Balance\n",
    // An English bank CSV with money in and out.
    "Transaction Date,Posted Date,Description,Debit,Credit,Currency\n",
    // A Chinese bank nobody wrote a reader for: guessed columns.
    "记账日期,摘要,对方户名,交易金额,账户余额\n",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let header = HEADERS[usize::from(selector) % HEADERS.len()];
    let body = String::from_utf8_lossy(rest);
    let text = format!("{header}{body}");
    let files = vec![import_file("statement.csv", text.as_bytes())];
    check_files(&files);
    if !files[0].transactions.is_empty() {
        analyse_and_export(&files);
    }
});
