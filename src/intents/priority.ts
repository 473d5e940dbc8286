import type { IntentCategory } from './intent-catalog.js';

export type Priority = 'P1' | 'P2' | 'P3' | 'P4';
export type CustomerTier = 'standard' | 'vip';

export interface PriorityInput {
  /** The customer's turns, oldest first; the rules look at all of them. */
  turns: readonly string[];
  /** Categories of the confidently recognised intents across the turns (most likely first). */
  categories: readonly IntentCategory[];
  /** Names of the confidently recognised intents across the turns. */
  intents?: readonly string[];
  frustration: 'low' | 'medium' | 'high';
  /** Sentiment of the latest turn in [-1, 1]. */
  sentiment: number;
  tier: CustomerTier;
}

export interface PriorityResult {
  priority: Priority;
  reasons: string[];
}

// Business impact first: service down, security, data, money. Each rule names its reason.
const P1_RULES: Array<[string, RegExp]> = [
  ['outage', /\b(service|app|cloud|lumen|server|system)\s+outage\b|\b(is\s+there|there'?s|there\s+is)\s+(an?\s+)?outage\b|\boutage\b(?=[^.?!]{0,30}\b(lumen|app|cloud|service|servers?|everyone)\b)|\bis\s+(lumen|the\s+(app|service|cloud)|your\s+(system|servers?|service|cloud|app|platform))\s+down\b|\b(all|everything)\s+(is\s+|went\s+|are\s+)?offline\s+at\s+the\s+same\s+time\b|\bservice\s+unavailable\b|\ball\s+(my\s+)?devices\s+(went|are|go)\s+offline\b|服务器?(是不是|好像)?(挂了|宕机|瘫痪|崩了)|所有设备都(离线|掉线)|\b(service|app|cloud|servers?|everything)\s+(is\s+)?(down|not\s+responding)\b|\bdown\s+for\s+everyone\b|\ball\s+(my\s+)?devices\s+(are\s+)?(offline|down)\b|服务(器)?(挂了|宕机|瘫痪|崩了)|全部(设备)?(都)?(掉线|离线)|大面积/i],
  // Every device at once, or many customers at once: not one device's fault.
  ['outage', /\bevery\s+(lumen\s+|single\s+)?(device|plug|camera|sensor|thing)\b[^.?!]{0,80}\b(went|go|gone|is|are)\s+(offline|down|dead)\b|设备(全|都|全都|全部)(离线|掉线)|(好多|很多|不少|其他)(人|用户)(都)?(在说|一样|也是|也这样)|都在说一样|不止我一个|不只我一个|全都(离线|掉线)/i],
  ['security_breach', /\bsecurity\s+breach\b|\blogin\s+alert\b|\bsomeone\s+(changed|reset)\s+(the|my)\s+(email|password)\b|\bwasn'?t\s+me\b|\block\s+my\s+account\b|(?<!\b(be|get|being|getting)\s)(?<!\b(sister|brother|friend|mum|mom|dad|neighbou?r|colleague|wife|husband|son|daughter)'?s\s+\w+\s+(got|was|were|has\s+been)\s)\bhack(ed|er)\b|\bsomeone\s+(else\s+)?(logged|got)\s+into\s+my\s+account\b|\bunauthori[sz]ed\s+(access|login|charge)\b|\b(account|password)\s+(was\s+)?stolen\b|被(别人|人)?盗|(?<!(新闻|听说|担心|怕|会不会|会)[^。！？!?]{0,8})被黑|盗号|有人(登|登录|登陆)了?我的(账号|账户)|(绑定)?(邮箱|密码|手机号)(都|也)?被(人)?改了|把(绑定)?(邮箱|密码|手机号)都?改了|账号被(别人)?登录|异地登录|陌生人登录|(没去过|陌生)的?(城市|地方|国家)[^。！？!?]{0,4}登录|在[^。！？!?]{0,10}(没去过|陌生)[^。！？!?]{0,6}登录/i],
  // Someone the customer does not know in their home or account, or an order they never placed.
  ['security_breach', /\b(someone|a\s+(person|user|member|name))\s+(i\s+(don'?t|do\s+not)\s+(know|recogni[sz]e)|i\s+never\s+(invited|added))\b|\bunknown\s+(admin|member|user)\b|\b(an?\s+)?order\s+i\s+(never|didn'?t|did\s+not)\s+(place|make|made|placed)\b|\bnever\s+(placed|made)\s+(an?|this|that|the|any)\s+order\b|不认识的(人|账号|用户)|我(根本|从来)?没(有)?邀请(过)?(任何人|别人|他|她)|我(根本|从来)?没(有)?下(过)?(单|订单)[\s\S]{0,30}(扣|一笔)/i],
  // A device that smokes, sparks or shocks is a hazard to a home: a person now, not an article.
  ['safety_hazard', /\b(smok(e|es|ing)(?!\s*(detectors?|alarms?|sensors?))|burning\s+smell|smells?\s+(like\s+)?(burning|burnt|plastic)|caught\s+fire|on\s+fire|fire\s+hazard|spark(s|ed|ing)?|melt(ed|ing)|electric(al)?\s+shock|shocked\s+me|explod\w*)\b|冒烟|烧焦|焦味|烧塑料|塑料味|糊味|烫烫的|摸(上去|着|起来)[^。！？!?]{0,3}烫|(?<!万一|怕|担心|会不会|以防|防止)着火|起火|冒火|火花|火星|融化|熔化|漏电|触电|电到|爆炸|一氧化碳|煤气|燃气(泄漏|味)/i],
  // A shock or a gas/carbon-monoxide alarm; a plug so hot its case deforms.
  ['safety_hazard', /\b(got\s+a\s+zap|zapped\s+me|(got|get|getting)\s+(a|an)\s+(electric\s+)?(shock|zap)|gas\s+leak|smell\s+(of\s+)?gas)\b|\b(carbon\s+monoxide|co|gas)\s+(alarm|detector)\b[^.?!]{0,30}\b(went|goes|going)\s+off\b|(外壳|壳|塑料)(都|也)?(有点|有些)?(变形|化了|软了)|烫得(吓人|不行|要命|厉害)|被电(了|到)|手(都|还|到现在还)?发麻/i],
  // Burning, swelling or heat you can feel, and water running onto a powered device.
  ['safety_hazard', /\bsmell\s+of\s+(burning|smoke|plastic)\b|\bburn(ing|t)\s+(plastic|rubber|electrical)\s+smell\b|\b(plug|socket|outlet|hub|adapter|charger|thermostat|p2)\s+(itself\s+)?(is\s+|was\s+|got\s+|gets\s+)(really|very|super|so|extremely|scorching|burning)\s+hot\b|\b(water|liquid|coffee|tea|juice|drink)\b[^.?!]{0,40}\b(went|got|spilled|splashed|poured|sprayed)\s+(all\s+over|into|onto|on|over|in)\s+(the|my|our)\s+(hub|plug|socket|thermostat|camera|outlet|p2|xr-?200|extension)\b|\bscorch(ed|ing)?\b|\bplastick?y\s+smell\b|\b(really|very|super|so|too)\s+hot\s+when\s+(you|i)\s+touch\b|\b(hot\s+to\s+(the\s+)?touch|too\s+hot\s+to\s+(touch|hold)|swollen|bulging)\b|\b(water|rain)\s+(is\s+|was\s+|keeps\s+)?(dripping|leaking|pouring|running)\b[^.?!]{0,40}\b(on|onto|into|over)\s+(the|my|our)\s+(hub|plug|socket|thermostat|camera|devices?|outlet|wiring)\b|\b(plug|socket|outlet|extension|hub|adapter|cable|wiring|thermostat|p2|xr-?200)\b[^.?!]{0,40}\b(sitting|standing|lying)\s+in\s+(a\s+|the\s+)?(puddle|water)\b|\b(socket|outlet|plug)\b[^.?!]{0,20}\b(is\s+|was\s+)?(flooded|submerged|under\s+water)\b|(插座|网关|插头|排插|温控器)[^。！？!?]{0,10}(泡在|浸在|泡)水(里|中)|(?<!(万一|会|怕|担心|如果|要是)[^。！？!?]{0,6})(鼓(起来|包)|膨胀)|烫手|摸着(很|特别|非常|好)?烫|(漏水|滴水|渗水)[\s\S]{0,12}(插座|网关|设备|温控器|摄像头)/i],
  // Someone else's home in the customer's app, or their own device changed by someone unknown.
  ['security_breach', /\bsomeone\s+else'?s\s+(house|home|camera|cameras|video|videos|footage|clips|kitchen|room|bedroom)\b|\b(clips|footage|videos?|feed|recordings?)\b[^.?!]{0,50}\b(isn'?t|is\s+not|aren'?t|are\s+not)\s+mine\b|\bstranger'?s\s+(house|home|camera|room|bedroom)\b|别人家的?(摄像头|画面|录像|监控|房间|客厅|卧室|厨房)|画面(里)?(根本)?不是我家|陌生的?(人的?)?(卧室|房间|画面)|陌生的?[A-Za-z]{0,4}(邮箱|手机号?|设备|账号)|不认识的设备|被人(关|关掉|打开|改|动)了|发到(了)?别人(的)?手机/i],
  // A voice no one in the home made coming out of the camera: someone else is in it.
  ['security_breach', /\b(an?|some)\s+(man'?s|woman'?s|stranger'?s|strange|unknown|male|female|deep)\s+voice\b[^.?!]{0,60}\b(came|coming|come|talk\w*|spoke|speaking|said|says|saying|through|out\s+of)\b|\b(someone|somebody|a\s+stranger)\s+(is\s+|was\s+)?(talking|speaking|spoke|talked|shouting)\s+(to\s+\w+\s+)?(through|via|from|over|out\s+of)\s+(the|my|our)\s+(camera|c4|speaker)\b|(摄像头|C4|监控|喇叭)[^。！？!?]{0,8}(传出|冒出|发出|有)(了)?(一个|一阵|个)?(陌生|男人|女人|男的|女的|别人|奇怪)[男女]?人?的?(声音|说话声|人声)|有人(通过|用|在)(摄像头|C4)(里)?(说话|讲话|喊|叫)/i],
  ['data_loss', /\bdata\s+loss\b|\b(recordings|videos|footage|clips|history)\b[^.?!]{0,30}\b(are|is|were|was)\s+(all\s+)?(gone|deleted|missing|empty)\b|\blost\s+(all\s+)?(my\s+)?(data|recordings|videos|footage|history)\b|\b(recordings|videos|footage|history)\s+(are|is|were|was)\s+(all\s+)?(gone|deleted|missing)\b|数据丢失|(录像|视频|记录|数据)(全|都|全都|全部)?(没了|丢了|不见了|被删)/i],
  // Money taken for an order that failed ("扣款失败", a charge that failed, is payment_failed below).
  ['payment_taken_but_failed', /\b(charged|paid|money\s+(was\s+)?taken|debited|already\s+taken)\b[\s\S]*\b(fail\w*|didn'?t\s+go\s+through|no\s+order|not\s+(placed|confirmed)|where\s+is\s+my\s+order)\b|\b(fail\w*|could\s+not\s+be\s+processed)\b[\s\S]*\b(charged|debited|already\s+taken|money\s+(was\s+)?taken)\b|扣(了)?(款|钱)(?![都又也还]?失败)[\s\S]*(失败|未支付|没(有)?(成功|下单|订单))|钱扣了|(支付|付款)失败[\s\S]*(扣(了)?(款|钱)|已经?扣了|被扣了)/i],
  // The same money taken twice.
  ['charged_twice', /\b(charged|billed|debited)\s+(me\s+)?([$€£¥]\s?[\d,]+(\.\d+)?\s+)?(twice|two\s+times|double)\b|\bdouble[-\s]?(charged|billed)\b|\b(two|2)\s+(identical|duplicate)\s+(charges|payments|transactions)\b|\bduplicate\s+(charge|payment|transaction)s?\b|\b(two|2)\s+(identical\s+|separate\s+)?(payments|charges|transactions|debits)\b[^.?!]{0,60}\bsame\b|\bonly\s+(ordered|paid|bought)\s+once\b|扣了?我?两次|重复(扣款|扣费|扣钱|收费)|扣了?两笔|两笔一模一样|被扣了两/i],
  // More than twice, or two amounts for the one thing the customer has.
  ['charged_twice', /\b(charged|billed|debited)\b[^?!\n]{0,40}\b(three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+|several|multiple|many)\s+times\b|扣了?我?\s*[二三四五六七八九十几百\d]+\s*多?(笔|次)|\b(\d{1,3}|three|four|five|six|seven|eight|nine|ten|several|multiple)\s+(separate|identical|duplicate)\s+(payments|charges|transactions|debits)\b|\b(charged|billed|debited)\b[\s\S]{0,120}\b(only\s+)?(have|had|ordered|bought|signed\s+up\s+for)\s+(just\s+)?(one|1|a\s+single)\s+(plus\s+|lumen\s+)?(subscription|plan|order|item|plug|camera|hub|thing)|\bonly\s+(have|had|ordered|bought|signed\s+up\s+for)\s+(one|1|a\s+single)\b|扣了?我?(三|四|好几|3|4)次|(三|四|好几|3|4)笔(扣款|扣费|一样|一模一样|重复)|扣了(三|四|好几)笔/i],
  // Far more taken than the order cost.
  ['overcharged', /\b(charge|charged|billed|debited)\b[^?!\n]{0,20}\$?[\d,]+(\.\d+)?[\s\S]{0,120}\bonly\s+(thing\s+)?(i\s+)?(ordered|bought|have|had|paid)\b|\b(took|charged|billed|debited|taken)\b[^?!\n]{0,40}\$?\d[\d,]*(\.\d+)?[^?!\n]{0,30}\binstead\s+of\s+(the\s+)?\$?\d|(写的|写着|标的|标价|价格|应该是|明明是|只要)\s*\$?\d+(\.\d+)?[\s\S]{0,30}扣了?我?\s*\$?\d{3,}|小数点|\$\s?\d[\d,]*(\.\d+)?\s+instead\s+of\s+(the\s+)?\$?\s?\d|\b(ten|five|three|\d+)\s+times\s+(the|its|what\s+it)\s+(usual\s+|normal\s+)?(price|cost|costs)\b|\bover-?charged\b|\bcharged\s+(me\s+)?(way\s+)?(more|too\s+much)\b|\bcharged\b[^?!\n]{0,80}\bshould\s+(have\s+been|be|'ve\s+been)\b|多扣了|扣多了|多收了/i],
  // No heating (or cooling) in extreme weather, with someone vulnerable at home.
  // Water reaching a powered device; every recording gone; money taken for an order that failed.
  ['safety_hazard', /\b(water|rain)\b[^.?!]{0,20}\b(leak\w*|dripping|pouring|running|coming|flowing)\b[^.?!]{0,60}\b(hub|plugs?|sockets?|outlets?|thermostat|devices?)\b[^.?!]{0,60}\b(still\s+)?(plugged\s+in|powered\s+on|switched\s+on)\b|(漏水|进水|渗水|水)[^。！？!?]{0,20}(流到|滴到|淋到|漫到|泡到|溅到|渗到)[^。！？!?]{0,4}(插着电|通着电|通电)?的?[^。！？!?]{0,6}(插座|网关|温控器|设备|摄像头)/i],
  // Said, not asked: not "how long until all my recordings are gone?" after deleting the account.
  ['data_loss', /\b(recordings?|clips?|videos?|footage|history)\b[^.?!]{0,20}\b(have|has)\s+(all\s+)?(disappeared|vanished)\b(?![^.?!]*\?)|\b(all|every)\b[^.?!]{0,30}\b(clips?|recordings?|videos?|footage)\b[^.?!]{0,40}\b(are|is)\s+(just\s+|all\s+)?(gone|empty)\b/i],
  ['data_loss', /\b(every|all)\b[^.?!]{0,20}\b(recordings?|clips?|videos?|footage)\b[^.?!]{0,20}\b(is|are|was|were|has\s+been|have\s+been)\s+(all\s+)?(just\s+)?(gone|deleted|missing|wiped|disappeared|vanished)\b(?![^.?!]*\?)/i],
  ['payment_taken_but_failed', /扣了?\s*[$¥￥]\s*\d[\s\S]*(失败|查不到[^。！？!?]{0,6}订单|没有?(这笔|这个)?订单)|(付款|支付)(显示)?成功[\s\S]*(订单[^。！？!?]{0,8}失败|查不到[^。！？!?]{0,6}订单)|(下单|订单|支付|付款)(显示)?失败[\s\S]*(扣(了)?(款|钱)|已经?扣(了|钱)|被扣了)/],
  ['vulnerable_at_risk', /(?=[\s\S]*(\b(heat|heating|furnace|boiler|ac|air\s*con\w*)\b[^.?!]{0,40}\b(isn'?t|is\s+not|wasn'?t|not)\s+(running|working|firing|kicking\s+in|coming\s+on)\b|\b(heat|heating|furnace|boiler|ac|air\s*con\w*|cooling)\b[^.?!]{0,40}\b(dead|stopped|not\s+working|won'?t\s+(turn|come)\s+on|stuck|keeps\s+heating)\b|\b(no|without)\s+(heat|heating|ac)\b|\bstopped\s+(heating|cooling)\b|\b(heat|heating|furnace|boiler)\s+(is|went|turned|switched|has\s+gone|has\s+turned)\s+off\b|\b(thermostat|screen)\b[^.?!]{0,30}\bblank\b|\bwon'?t\s+(switch|turn)\s+(the\s+)?(ac|heat|heating|air\s*con\w*|cooling)\s+on\b|(暖气|供暖|制热|空调|温控器)[^。！？!?]{0,10}(停了|全停|不工作|坏了|没反应|黑屏|屏幕黑了|关不掉|停不下来|开不起来|打不开|开不了|不启动|一直没开|没开过|不开了)|屋里越来越冷|家里越来越冷|(温控器|暖气|空调)不(制热|加热|制冷|工作)|(温控器|暖气|空调)[^。！？!?]{0,12}不(制热|加热|制冷|热|工作|启动)了|(一直|还在)(制热|加热)|\bstopped\s+(running|turning\s+on|switching\s+on)\s+(the\s+)?(ac|heat|heating|furnace|boiler|air\s*con\w*|cooling)\b|\bsays\s+(it'?s\s+)?(heating|cooling)\s+but\b|\b\d{1,2}\s*(°\s*c?|degrees)?\s*(inside|indoors)?\s+and\s+(falling|dropping|climbing|rising)\b|屋里(现在)?(才|只有|已经)?\d+度|\b(house|home|flat|place|room|bedroom)\s+is\s+(down\s+to|only|at)\s+\d{1,2}\s*(°\s*[cf]?|degrees)))(?=[\s\S]*(\b(baby|infant|newborn|toddler|elderly|\d{2}\s*(year|yr)s?\s*old|grandm\w+|grandpa\w*|grandfather|disabled|pregnant|heart\s+condition|oxygen)\b|\d+\s*(month|week)s?\s*old\b|\b(she|he|mum|mom|dad|grandma|grandpa)('s|\s+is)\s+[7-9]\d\b|heatwave|-\d+\s*(°|degrees|c\b|outside)|\bminus\s+\d+|\b4\d\s*°|\bbelow\s+(zero|freezing)\b|宝宝|婴儿|老人|我(妈|爸)|父母|孕妇|心脏|病人|零下|奶奶|爷爷|外婆|外公|姥姥|姥爷|[七八九]十多|快[七八九]十|四十多?度|\b[34]\d\s*(°\s*c?|degrees)?\s*outside\b|外面\s*[34]\d\s*度))/i],
];
const P2_RULES: Array<[string, RegExp]> = [
  ['cannot_log_in', /\b(can'?t|cannot|unable\s+to|couldn'?t)\s+(log\s?in|sign\s?in|access\s+my\s+account|get\s+into\s+my\s+account)\b|\blocked\s+out\b|无法登录|登不上|登录不了|进不去(账号|账户|app)?|账号被锁/i],
  ['payment_failed', /\bpayment\s+(failed|declined|didn'?t\s+go\s+through)\b|\bcard\s+(was\s+|keeps\s+(getting\s+)?)?declined\b|(支付|付款|扣款).{0,4}失败|付不了款|支付无法处理/i],
  ['device_not_working', /\b(not\s+working\s+at\s+all|completely\s+dead|won'?t\s+(turn|power)\s+on|doesn'?t\s+(turn|power)\s+on|stopped\s+working\s+completely|(?<!\b(is|was)\s+it\s+|\bbe\s+|\bget\s+)bricked)\b|完全用不了|开不了机|不能开机|彻底坏了|一点反应都没有|全(都|部)(控制不了|用不了|不能用|没反应)/i],
];
// Evidence of an actual problem (not a how-to question).
const PROBLEM = /\b(error|e\d{4}|not\s+working|doesn'?t\s+work|won'?t|can'?t|cannot|fail\w*|broken|damaged|offline|missing|wrong|stuck|problem|issue|never\s+arrived|hasn'?t\s+arrived|late|refund|return|replacement)\b|错误|补发|换新|寄(一个|个)?新的|报错|故障|坏了|失败|不能|不行|没收到|没到|离线|掉线|连不上|用不了|问题|退款|退货|破损/i;
const PROBLEM_CATEGORIES = new Set<IntentCategory>(['after_sales', 'complaint']);

const LEVELS: Priority[] = ['P1', 'P2', 'P3', 'P4'];
// Intents that are P1 by nature when the classifier is confident of them.
const P1_INTENTS = new Set(['security_breach', 'outage']);
// Asking about a breach or an outage that might happen is not one happening: "is the camera safe
// from hackers?", "do schedules still run when our internet goes down?", "新闻说监控被黑 你们的加密吗".
// Only the classifier's reading is held back; the P1 rules above still catch one that is happening.
const HYPOTHETICAL = /\bwhat\s+(happens|would\s+happen|will\s+happen)\b|\b(if|when|whenever|in\s+case)\s+(the\s+|our\s+|my\s+)?(internet|wi-?fi|power|connection|network|router|broadband)\b[^.?!]{0,25}\b(goes|go|is|drops|cuts|fails|dies)\b|\b(safe|secure|protected)\s+(from|against)\b|\bis\s+there\s+(a|any)\s+way\b|\b(in\s+the\s+news|news\s+(about|says|said|stories))\b|万一|会不会|新闻|听说|如果|要是|假如|有没有办法|检修|计划停电|要停电|会停电|下周|明天|到时候/i;

/**
 * P1–P4 with reasons, from keywords of business impact, the intent's category, sentiment and
 * frustration; a VIP customer is raised one level.
 */
export function assessPriority(input: PriorityInput): PriorityResult {
  const text = input.turns.join('\n');
  const reasons: string[] = [];
  let level = 3; // index into LEVELS: P4
  const raiseTo = (p: number, reason: string) => {
    if (!reasons.includes(reason)) reasons.push(reason);
    level = Math.min(level, p);
  };
  for (const [reason, re] of P1_RULES) if (re.test(text)) raiseTo(0, reason);
  for (const [reason, re] of P2_RULES) if (re.test(text)) raiseTo(1, reason);
  if (!HYPOTHETICAL.test(text)) for (const intent of input.intents ?? []) if (P1_INTENTS.has(intent)) raiseTo(0, intent);
  if (input.frustration === 'high') raiseTo(1, 'high_frustration');
  if (input.frustration === 'medium') raiseTo(2, 'frustrated');
  const category = input.categories[0];
  if (category && PROBLEM_CATEGORIES.has(category)) raiseTo(2, `category_${category}`);
  if (PROBLEM.test(text)) raiseTo(2, 'problem_reported');
  if (input.sentiment <= -0.3) raiseTo(2, 'negative_sentiment');
  if (input.tier === 'vip' && level > 0) {
    level--;
    reasons.push('vip_customer');
  }
  if (reasons.length === 0) reasons.push('general_question');
  return { priority: LEVELS[level]!, reasons };
}
