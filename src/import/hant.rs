//! Traditional characters. Mirror sites and offices in some regions publish
//! the plans in traditional characters; the importer reads such a text
//! through its simplified forms (so that 負責, 牽頭單位 and 知識產權局 are
//! read as 负责, 牵头单位 and 知识产权局) and the plan keeps the text as
//! written. The registry resolves traditional names the same way.
//!
//! The table covers the characters of the genre's vocabulary, agency names
//! and common words: each simplified character with its traditional
//! form(s), the usual one first. Every pair is one character for one, and
//! all are three bytes in UTF-8, so a converted text keeps every offset.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Simplified character, then its traditional forms.
const PAIRS: [&str; LEN] = [
    "与與 专專 业業 东東 两兩 严嚴 个個 丰豐 临臨 为為 丽麗 举舉 义義 乌烏 乐樂 习習 乡鄉 书書 买買 争爭 ",
    "于於 云雲 亏虧 产產 亿億 从從 仑崙 仓倉 们們 价價 众眾 优優 会會 传傳 伤傷 伦倫 伪偽 体體 余餘 侦偵 ",
    "侧側 俭儉 债債 倾傾 偿償 储儲 儿兒 党黨 兴興 养養 册冊 写寫 军軍 农農 冻凍 准準 减減 凯凱 击擊 划劃 ",
    "则則 创創 别別 制製 剂劑 剑劍 办辦 务務 动動 励勵 劳勞 势勢 协協 单單 卖賣 卫衛 历歷曆 厉厲 压壓 厕廁 ",
    "厅廳 县縣 参參 双雙 发發髮 变變 叶葉 号號 后後 员員 响響 团團 园園 围圍 国國 图圖 场場 块塊 坚堅 坛壇 ",
    "垦墾 壮壯 壶壺 处處 备備 复復複 夺奪 奋奮 奖獎 妇婦 娱娛 学學 实實 审審 宽寬 宾賓 对對 导導 将將 尝嘗 ",
    "尽盡 层層 届屆 属屬 岁歲 岗崗 巩鞏 师師 带帶 帮幫 干幹乾 广廣 库庫 应應 庙廟 废廢 开開 异異 弯彎 归歸 ",
    "当當 录錄 彻徹 征徵 径徑 总總 恶惡 惩懲 愿願 战戰 户戶 扩擴 扬揚 执執 护護 报報 抢搶 担擔 拟擬 拣揀 ",
    "拨撥 择擇 挥揮 换換 据據 损損 摄攝 撑撐 敌敵 数數 断斷 无無 旧舊 时時 显顯 晋晉 晒曬 暂暫 术術 机機 ",
    "杂雜 权權 条條 来來 杨楊 极極 构構 枪槍 标標 树樹 样樣 档檔 桥橋 检檢 楼樓 欧歐 残殘 毕畢 气氣 汇匯 ",
    "汤湯 沟溝 没沒 泽澤 洁潔 浏瀏 济濟 浓濃 润潤 涌湧 渐漸 温溫 湾灣 满滿 滚滾 滞滯 灵靈 点點 烟煙 热熱 ",
    "爱愛 牵牽 状狀 独獨 狱獄 献獻 环環 现現 电電 画畫 畅暢 疗療 监監 盖蓋 盗盜 盘盤 码碼 矿礦 础礎 硕碩 ",
    "确確 碍礙 礼禮 离離 种種 积積 称稱 稳穩 穷窮 竞競 笔筆 筹籌 签簽 简簡 类類 粪糞 粮糧 系係繫 紧緊 纠糾 ",
    "约約 级級 纪紀 纲綱 纳納 纵縱 纷紛 线線 练練 组組 细細 织織 终終 经經 结結 绕繞 给給 络絡 绝絕 统統 ",
    "继繼 绩績 续續 维維 综綜 绿綠 编編 缝縫 缴繳 网網 罗羅 罚罰 职職 联聯 肃肅 胆膽 胶膠 腾騰 舆輿 舰艦 ",
    "艺藝 节節 苏蘇 药藥 获獲 营營 荐薦 荣榮 范範 蓝藍 虑慮 补補 装裝 见見 观觀 规規 视視 览覽 觉覺 誉譽 ",
    "计計 订訂 认認 训訓 议議 记記 讲講 许許 论論 讼訟 设設 证證 评評 识識 诉訴 诊診 试試 诚誠 话話 询詢 ",
    "该該 请請 读讀 课課 调調 谈談 谊誼 谋謀 贝貝 负負 贡貢 财財 责責 贤賢 败敗 账賬 货貨 质質 贫貧 购購 ",
    "贯貫 贴貼 贷貸 贸貿 费費 赁賃 资資 赈賑 赋賦 赏賞 赛賽 赢贏 赵趙 趋趨 践踐 踪蹤 车車 转轉 轮輪 软軟 ",
    "轻輕 载載 较較 辆輛 辐輻 辑輯 输輸 辖轄 边邊 达達 迁遷 过過 迈邁 运運 还還 进進 远遠 违違 连連 迟遲 ",
    "适適 选選 递遞 遗遺 邮郵 释釋 鉴鑒 针針 钢鋼 铁鐵 铃鈴 银銀 链鏈 销銷 锁鎖 锦錦 键鍵 镇鎮 长長 门門 ",
    "问問 闲閒 间間 闻聞 队隊 阶階 际際 阳陽 阴陰 陆陸 险險 随隨 隐隱 难難 雾霧 须須鬚 顶頂 项項 顺順 预預 ",
    "领領 频頻 题題 额額 风風 飞飛 饭飯 饮飲 饲飼 馆館 马馬 驰馳 驱驅 驻駐 验驗 鲜鮮 麦麥 齐齊 龄齡 龙龍 ",
    "韩韓 页頁 顾顧 头頭 关關 厂廠 亚亞 仅僅 伟偉 兰蘭 况況 刘劉 华華 卢盧 卧臥 厦廈 吗嗎 启啟 坏壞 壳殼 ",
    "夹夾 宁寧 宝寶 宪憲 寿壽 尔爾 尘塵 岛島 峡峽 币幣 帅帥 并並 庄莊 庆慶 张張 恳懇 悬懸 惯慣 戏戲 扑撲 ",
    "扫掃 抚撫 拥擁 拦攔 挂掛 摆擺 敛斂 斗鬥 昼晝 朴樸 杀殺 杰傑 枣棗 柜櫃 栏欄 梦夢 欢歡 汉漢 沪滬 泪淚 ",
    "浅淺 测測 浑渾 涂塗 渊淵 渔漁 灭滅 灯燈 灾災 炉爐 烂爛 烦煩 烧燒 爷爺 犹猶 狮獅 猎獵 玛瑪 琼瓊 盐鹽 ",
    "矫矯 祸禍 窃竊 竖豎 粤粵 纤纖 纸紙 纹紋 纺紡 绍紹 绘繪 绣繡 绳繩 缓緩 缩縮 罢罷 耸聳 聪聰 肠腸 肤膚 ",
    "肿腫 胜勝 脑腦 脚腳 脏臟髒 腊臘 舍捨 艰艱 苹蘋 茎莖 荡蕩 莲蓮 萧蕭 蚀蝕 袭襲 触觸 讨討 让讓 讯訊 访訪 ",
    "词詞 译譯 诗詩 详詳 语語 误誤 说說 谁誰 谢謝 谨謹 谱譜 贞貞 贵貴 贺賀 赶趕 跃躍 轨軌 轴軸 辞辭 辩辯 ",
    "迹跡 逻邏 遥遙 邓鄧 郑鄭 邻鄰 酱醬 酿釀 钟鐘鍾 钥鑰 钱錢 铜銅 铺鋪 锅鍋 错錯 锻鍛 镜鏡 闭閉 闯闖 闸閘 ",
    "阅閱 阔闊 阵陣 陈陳 隶隸 韵韻 顽頑 颁頒 颂頌 颜顏 飘飄 饰飾 饱飽 饼餅 驾駕 骂罵 骑騎 鸟鳥 鸡雞 鸣鳴 ",
    "鹏鵬 齿齒 龟龜 态態 医醫 税稅 侨僑 台臺檯颱 这這 区區 几幾 么麼 万萬 丝絲 丧喪 乔喬 乱亂 亩畝 亲親 ",
    "仪儀 伞傘 兽獸 冈岡 冯馮 冲衝 决決 净淨 凉涼 凤鳳 凭憑 刚剛 删刪 剧劇 劝勸 劲勁 勋勳 却卻 厌厭 叙敘 ",
    "叹嘆 吓嚇 吕呂 听聽 吴吳 圆圓 圣聖 坝壩 坟墳 坠墜 垄壟 垒壘 声聲 够夠 夸誇 妆妝 妈媽 婴嬰 孙孫 宠寵 ",
    "寻尋 尧堯 岂豈 岭嶺 帐帳 庞龐 弃棄 弥彌 忆憶 忧憂 怀懷 怜憐 恋戀 惊驚 惧懼 愤憤 懒懶 扰擾 抛拋 拢攏 ",
    "挚摯 挤擠 挡擋 捞撈 捡撿 揽攬 搁擱 携攜 摇搖 斋齋 旷曠 晓曉 栈棧 栋棟 横橫 殴毆 毙斃 泻瀉 浆漿 涛濤 ",
    "涨漲 湿濕 溃潰 滤濾 滩灘 炼煉 焕煥 狭狹 琐瑣 疮瘡 砖磚 窍竅 笼籠 筑築 红紅 芦蘆 萝蘿 虽雖 衔銜 诸諸 ",
    "贩販 贪貪 赔賠 赞贊 辽遼 酝醞 阀閥 赖賴 颖穎 饶饒 纽紐 绑綁 绪緒 绵綿 缉緝 肾腎 胁脅 脉脈 舱艙 苍蒼 ",
    "蕴蘊 虾蝦 蜡蠟 谐諧 谓謂 谎謊 谜謎 谦謙 谴譴 贮貯 赂賂 赃贓 赎贖 辉輝 辈輩 铅鉛 铝鋁 铭銘 铸鑄 锋鋒 ",
    "锐銳 锡錫 闪閃 闹鬧 阁閣 阐闡 陕陝 顷頃 顿頓 颇頗 颗顆 馈饋 驳駁 骗騙 鸭鴨 鹅鵝 里裡裏 只隻 缔締 缆纜 ",
    "缘緣 绒絨 ",
];
const LEN: usize = 42;

struct Tables {
    to_simplified: HashMap<char, char>,
    to_traditional: HashMap<char, char>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut to_simplified = HashMap::new();
        let mut to_traditional = HashMap::new();
        for entry in PAIRS.iter().flat_map(|line| line.split_whitespace()) {
            let mut chars = entry.chars();
            let Some(simplified) = chars.next() else {
                continue;
            };
            for (i, traditional) in chars.enumerate() {
                to_simplified.insert(traditional, simplified);
                if i == 0 {
                    to_traditional.insert(simplified, traditional);
                }
            }
        }
        Tables {
            to_simplified,
            to_traditional,
        }
    })
}

/// The simplified form of one character (itself when it has none).
pub fn simplified_char(c: char) -> char {
    // Most of what is folded (English names, pinyin) is ASCII, which has no
    // traditional form: no table lookup for it.
    if c.is_ascii() {
        return c;
    }
    tables().to_simplified.get(&c).copied().unwrap_or(c)
}

/// The text with every traditional character in the table simplified.
pub fn simplified(text: &str) -> String {
    text.chars().map(simplified_char).collect()
}

/// The usual traditional form of a simplified text (for tests and for
/// building traditional fixtures; one character for one).
pub fn traditional(text: &str) -> String {
    let t = tables();
    text.chars()
        .map(|c| t.to_traditional.get(&c).copied().unwrap_or(c))
        .collect()
}

/// How many characters of the text are traditional forms.
pub fn traditional_count(text: &str) -> usize {
    let t = tables();
    text.chars()
        .filter(|c| t.to_simplified.contains_key(c))
        .count()
}

/// Puts a document's own traditional characters back into text read
/// through simplified forms: a simplified character goes back to the one
/// traditional character it came from in this document; one that came from
/// several (发 from 發 and 髮), or that the document also writes as itself,
/// stays simplified, and is counted.
pub struct Restorer {
    back: HashMap<char, char>,
    pub ambiguous: Vec<char>,
}

impl Restorer {
    pub fn new(original: &str) -> Self {
        let mut seen: HashMap<char, Vec<char>> = HashMap::new();
        let t = tables();
        for c in original.chars() {
            let s = t.to_simplified.get(&c).copied().unwrap_or(c);
            let forms = seen.entry(s).or_default();
            if !forms.contains(&c) {
                forms.push(c);
            }
        }
        let mut back = HashMap::new();
        let mut ambiguous = Vec::new();
        for (s, forms) in seen {
            match forms.as_slice() {
                [one] if *one != s => {
                    back.insert(s, *one);
                }
                [_] => {}
                _ => ambiguous.push(s),
            }
        }
        ambiguous.sort_unstable();
        Self { back, ambiguous }
    }

    pub fn restore(&self, text: &str) -> String {
        text.chars()
            .map(|c| self.back.get(&c).copied().unwrap_or(c))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ways_and_back() {
        assert_eq!(
            simplified("知識產權局、國家發展改革委負責"),
            "知识产权局、国家发展改革委负责"
        );
        assert_eq!(
            traditional("牵头单位：市场监管总局"),
            "牽頭單位：市場監管總局"
        );
        let written = "（牽頭單位：國家發展改革委；參與單位：財政部）";
        let restorer = Restorer::new(written);
        assert_eq!(restorer.restore(&simplified(written)), written);
        // 发 written as 發 and as 髮 cannot be put back with certainty.
        assert_eq!(Restorer::new("發展，頭髮").ambiguous, ['发']);
    }

    #[test]
    fn one_character_for_one_of_the_same_length() {
        for entry in PAIRS.iter().flat_map(|l| l.split_whitespace()) {
            assert!(entry.chars().count() >= 2, "{entry}");
            assert!(entry.chars().all(|c| c.len_utf8() == 3), "{entry}");
        }
    }
}
