// Some questions ask for a kind of fact that a passage either states or does not: a price, a
// power rating, a size. The knowledge base often describes a product on every word of the question
// but that one ("how many watts is the B10" matches the B10's FAQ entry everywhere else), and a
// confident answer there is a wrong answer. Classic answer-type matching: find the kind of fact asked
// for, then look for a value of that kind in the passage. Both patterns read English and Chinese,
// since a Chinese question may be answered by an English manual.

export interface FactKind {
  name: string;
  /** The question asks for a fact of this kind. */
  asks: RegExp;
  /** The passage states one. */
  states: RegExp;
}

const COLOURS = /\b(black|white|gr[ae]y|silver|red|green|blue|amber|yellow|orange|purple|pink)\b|[黑白灰银红绿蓝黄橙紫粉]色/i;

export const FACT_KINDS: readonly FactKind[] = [
  {
    name: 'price',
    // Asked for, not mentioned: "the price dropped", "hide the prices on the slip" ask no amount.
    asks: /\bhow much (is|are) (it|one|the|a|an|this|that|shipping|delivery)\b|\bhow much (does|do|would|will) [\w ]{1,30}\bcost\b|\bhow much for\b|\bwhat(?:'s| is| are| does| do| would)(?: the| a| an| it)? ?(price|cost)|\b(price|cost) of (a|an|the|one)\b|\bhow expensive\b|多少钱|价格是多少|价格多少|什么价|售价|多贵|几块钱|卖多少|怎么卖|收费标准/i,
    states: /[$€£¥]\s?\d|\d+(\.\d+)?\s?(元|美元|块钱?)|\d+(\.\d+)?\s?(dollars?|usd|eur|euros?)\b|\d+\s?% (off|discount)|\bfree\b|\bno\s+(extra\s+)?(cost|charge|fee)\b|免费|包邮|不收费|不要钱|\d\s?折/i,
  },
  {
    name: 'power_rating',
    asks: /\bhow many watts\b|\bwattage\b|\bpower (rating|draw|consumption)\b|多少瓦|几瓦|功率(是)?多少|功率多大|额定功率|耗电量/i,
    states: /\d\s?(w|watts?|kw|kwh)\b|\d\s?(瓦|千瓦)/i,
  },
  {
    name: 'fahrenheit',
    asks: /\bfahrenheit\b|°\s?f\b|华氏/i,
    states: /\bfahrenheit\b|°\s?f\b|华氏/i,
  },
  {
    name: 'weekend',
    // The day asked about, not the one a story happened on ("moved last weekend", "周末公司没人收").
    asks: /\b(on|at|over|during|a|every) (saturdays?|sundays?|(the )?weekends?)\b(?!.*\b(last|this|next) weekend\b)[^.!]*\?|(周六|周日|周末|星期六|星期天|星期日|礼拜六|礼拜天|礼拜日|双休日?)[^，。,.!！]{0,8}(吗|么|嘛|不|没|能|可以|会|有)/i,
    states: /\b(saturdays?|sundays?|weekends?|(7|seven) days a week|every day|daily)\b|周六|周日|周末|星期六|星期天|星期日|礼拜六|礼拜天|礼拜日|双休|每天|每日|全年无休/i,
  },
  {
    name: 'frame_rate',
    asks: /\bfps\b|\bframe ?rate\b|帧率|多少帧|几帧/i,
    states: /\d\s?fps\b|frames? (per|a) second|\d\s?帧/i,
  },
  {
    name: 'colour',
    asks: /\b(what|which) colou?rs?\b|\bcolou?r (options?|choices?)\b|\bcome in (black|white|gr[ae]y|silver)\b|\bin (black|white|gr[ae]y|silver)\?|什么颜色|哪些颜色|几种颜色|几个颜色|有没有[黑白灰银]色/i,
    states: COLOURS,
  },
  {
    name: 'size',
    // The device's own size or weight: "how high should I mount it" asks for advice, not a size.
    asks: /\bhow (big|heavy|large|thick) is (it|the)\b|\bdimensions?\b|\bhow much does (it|the \w+) weigh\b|\bweight of\b|多重|重量|尺寸|体积|多厚/i,
    states: /\d\s?(mm|cm|kg|g|grams?|inch(es)?|lbs?|oz)\b|\d\s?(毫米|厘米|公斤|千克|克|英寸)/i,
  },
];

/** The kinds of fact `question` asks for (none for most questions): read once, checked against each passage. */
export const askedFacts = (question: string): FactKind[] => FACT_KINDS.filter((k) => k.asks.test(question));

/** Of the kinds `asked`, those `passage` states no value of. */
export const unstated = (asked: readonly FactKind[], passage: string): string[] => asked.filter((k) => !k.states.test(passage)).map((k) => k.name);

/** The kinds of fact `question` asks for that `passage` states no value of (none for most questions). */
export const unstatedFacts = (question: string, passage: string): string[] => unstated(askedFacts(question), passage);
