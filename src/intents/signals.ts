// Lexical cues of how a customer feels and what they ask for, in English and Chinese. Each is a
// named signal so a person reading a handoff sees why the bot judged the customer frustrated.

// An explicit request for a person. The object must be a person and the verb a request to be
// put in touch: "talk to a human", "agent please", "转人工".
const HUMAN_REQUEST_EN = [
  /\b(talk|speak|chat)\s+(to|with)\s+(a|an|some|your|the)?\s*(real|live|actual)?\s*(human|person|people|agent|representative|rep|someone|somebody|operator|manager|supervisor)\b/i,
  /\b(get|put|transfer|connect|pass|hand)\s+me\s+(over\s+|on\s+|through\s+)?(to|with)\s+(a|an|your|the|one\s+of\s+your)?\s*(real|live|actual)?\s*(human|person|agent|representative|rep|someone|operator|manager|supervisor|colleagues?|staff|team|people|agents)\b/i,
  // Passing the case on to a person: "can you pass this on to someone on your team".
  /\b(pass|hand|forward|escalate|send|refer|transfer)\s+(this|it|me|my\s+(case|issue|ticket|request|problem))\s+(on\s+|over\s+)?to\s+(someone|somebody|a\s+(real\s+)?(person|human|colleague)|an?\s+(agent|specialist|technician|supervisor|manager)|your\s+(team|staff|colleagues?|supervisor|manager)|one\s+of\s+your)\b/i,
  // Is anyone real there; a callback or a call booked with a person; a person to walk them through it.
  /\b(is|are)\s+there\s+(any(one|body)|some(one|body)|a\s+(real\s+)?(person|human))\s+(real\s+)?(there|here|around|available|out\s+there|i\s+can\s+(talk|speak))\b|\bany(one|body)\s+real\b/i,
  /\b(book|schedule|arrange|request|get|set\s+up)\s+(a|an)\s+(call\s*-?\s*back|callback|phone\s+call|video\s+call)\b|\bcall\s*-?\s*back\s+(from|with)\b/i,
  /\b(could|can|would)\s+(a|an|some)\s+(real\s+)?(person|human|agent|technician|specialist)\s+(walk|talk|guide|go\s+through|show|help)\s+(me|us)\b/i,
  /\b(give|send|tell|text)\s+me\s+(a|the|your)\s+(support\s+|customer\s+service\s+)?(phone|telephone|contact|helpline)(\s+number)?\b/i,
  /\b(i\s+)?(want|need|demand|request)\s+(a|an|to\s+(talk|speak)\s+(to|with)\s+(a|an))?\s*(real|live|actual)?\s*(human|person|agent|representative|manager|supervisor)\b/i,
  // Someone to take it on: "I need someone to sort this out today".
  /\b(i|we)\s+need\s+(someone|somebody|a\s+person)\s+(from\s+your\s+(team|side)\s+)?to\s+(sort|fix|look\s+(at|into)|handle|deal\s+with|call|contact|take\s+care\s+of)\b/i,
  // Not a camera's "alert me when it's an actual person" (what it detects, not whom to talk to).
  /(?<!\b(?:it'?s|it\s+is|detects?|detecting|sees?|spots?|only)\s+(?:an?\s+)?)\b(real|live|actual)\s+(support\s+|customer\s+service\s+)?(human|person|agent)\b/i,
  // Preferring a person, or one sent out: "I'd rather have one of your technicians come out", "a person to screen-share with me".
  /\b(i'?d|i\s+would)\s+(much\s+)?(prefer|rather|like)\s+(to\s+have\s+|have\s+|to\s+get\s+|for\s+)?(a|an|one\s+of\s+your|someone|somebody)\s*(real\s+)?(person|human|agent|technicians?|engineers?|installers?|staff|someone|somebody)?\b[^.?!]{0,40}\b(come|visit|look|call|screen[-\s]?share|walk|talk|help|do\s+it|in\s+person)\b|\b(have|get|send)\s+(one\s+of\s+your\s+|a\s+|an\s+)(technicians?|engineers?|installers?)\s+(to\s+)?(come|visit|look|check|out|over|round)\b/i,
  /\b(is\s+there|do\s+you\s+have)\s+(a|any)\s+(support\s+|customer\s+service\s+|help\s+)?(phone|telephone)\s+(line|number|support)\b|\b(support|customer\s+service|help)\s+(phone\s+)?(line|number|hotline)\s+(i\s+can|to)\s+call\b/i,
  /\b(get|find)\s+me\s+(a|an|some|your)?\s*(real|live|actual)?\s*(human|person|agent|representative|rep|operator|manager|supervisor)\b/i,
  /^\W*(human|agent|representative|operator)\b\W*(please|pls|now)?\W*$/i,
  /\b(agent|human|representative|operator)\s+(please|pls|now)\b/i,
  /\bescalate\s+(this|me|my\s+case)\b/i,
  /\b(get|find)\s+me\s+(someone|somebody)\s+(who|that|else|competent|real)\b/i,
  // A call or a contact from a person ("can someone from your team give me a call").
  /\b(someone|somebody|one\s+of\s+your\s+(staff|team|people|colleagues|agents)|a\s+member\s+of\s+(your\s+)?(support\s+|customer\s+service\s+)?(staff|team))\b[^.?!]{0,40}\b(call|ring|phone|contact|email|reach|get\s+in\s+touch\s+with|reach\s+out\s+to)\s+me\b|\b(give|gimme)\s+me\s+a\s+(call|ring)\b|\bcall\s+me\s+(back|please|asap)\b/i,
  // A person to walk them through it, or the number to reach one: "could someone get in touch",
  // "what's your support phone number".
  /\b(someone|somebody)\s+(please\s+)?(get\s+in\s+touch|reach\s+out|walk\s+me\s+through|help\s+me\s+(on|over)\s+(a|the)\s+(video\s+|phone\s+)?call)\b|\b(someone|somebody)\s+(from|on)\s+your\s+(support\s+)?(team|staff)\s+(could|can|would|to)\b/i,
  /\bwhat'?s\s+your\s+(support\s+|customer\s+service\s+|helpline\s+)?(phone|telephone)\s+number\b|\b(phone|telephone)\s+number\s+(for|of)\s+(your\s+|lumen\s+|the\s+)?(support|customer\s+service|helpline)\b/i,
  // Preferring a call to typing, a person to speak to, or the agent who had the case before.
  /\b(i'?d|i\s+would)\s+(much\s+)?(rather|prefer\s+to)\s+(just\s+)?(call|phone|ring|speak\s+to\s+(someone|somebody|a\s+person)|talk\s+to\s+(someone|somebody|a\s+person))\b|\b(is|are)\s+there\s+(a\s+(real\s+)?(person|human)|any(one|body)|some(one|body))\s+(i|we)\s+(could|can|might)\s+(speak|talk|chat)\b/i,
  /\b(get|be)\s+back\s+in\s+touch\s+with\s+me\b|\bwhoever\s+(has|is\s+(handling|looking\s+after)|took\s+over)\s+my\s+(case|ticket|claim)\b|\b(could|can|would)\s+(he|she)\s+(get\s+back\s+to|call|contact|email|ring)\s+me\b/i,
  // Staying with the agent who helped before, a staff member writing back, a video call, a department.
  /\b(continue|carry\s+on|stay|keep\s+going)\s+with\s+(her|him|the\s+same\s+(agent|person|colleague))\b|\b(speak|talk|chat)\s+(to|with)\s+(her|him)\s+again\b/i,
  /\b(have|get|ask)\s+(a|an|one\s+of\s+your|some)\s+(staff\s+member|member\s+of\s+(your\s+)?staff|person|human|agent|specialist|technician|engineer|rep|representative)\s+(to\s+)?(email|e-mail|call|ring|phone|contact|message|text)\s+me\b/i,
  /\bvideo\s+call\s+with\s+(someone|somebody|a\s+person|an?\s+(agent|technician|engineer)|you|your\s+(team|staff|support))\b|\b(can|could)\s+(we|you)\s+(do\s+|have\s+)?(a\s+)?(quick\s+)?video\s+call\b/i,
  /\b(transfer|put|connect)\s+me\s+(through\s+)?to\s+(your|the)\s+([\w-]+\s+){0,2}(department|team|desk|specialists?|supervisor)\b/i,
  // Politely, a person rather than the bot: "I'd rather go over this with one of your colleagues
  // than a chatbot", "speak with whoever handles warranty claims", "could somebody phone him".
  /\b(rather|prefer\s+to)\s+(go\s+over|discuss|talk\s+(about|through)|sort\s+out|deal\s+with)\s+(this|it)\s+with\s+(one\s+of\s+your\s+colleagues|a\s+(real\s+)?(person|human|colleague)|someone|somebody)\b|\b(speak|talk)\s+(with|to)\s+(whoever|the\s+(person|people|team)\s+who)\s+(handles?|deals?\s+with|is\s+in\s+charge\s+of|looks?\s+after)\b|\b(could|can|would)\s+(somebody|someone)\s+(from\s+[\w ]{1,20}\s+)?(phone|call|ring)\s+(him|her|them|me|us|my\s+\w+)\b/i,
];
const HUMAN_REQUEST_ZH_MAIN = /有没有同事(能|可以)?(打|接|联系)|(跟|和|同)((你们的?)?(工作人员|人工)|你们的?(同事|客服))(单独|直接)?(电话|当面)?(说|聊|讲|沟通|确认)|(赶紧|快|马上|尽快)(找|派|安排)(个|一个)人(来)?(处理|解决|看看|跟进)|安排你们的人|(客服|人工)热线|热线电话|(安排|派|配)(一位|一个|个)?(专门|专属|固定)?(对接|负责)?的?(客服|专员|人工)|(打|回)(个|一个)?电话(给我|过来)|给我(打|回)(个|一个)?电话|电话联系我|来个电话|(安排|派|找)(一位|一个|个)?(人工|客服|专员|工作人员)(专员)?(给我|跟我|和我|与我)?(打(个|一个|一通)?电话|回电|电话沟通|联系)|转(个|一下|下)?人工|^[\s，,。！!]*(人工|客服|真人)([\s，,。！!]*(人工|客服|真人))+[\s，,。！!]*$|(让|请|叫|安排)(你们)?(的)?(售后|客服|人工|技术|工程师|师傅|专员|同事)(那边|部门|的人)?(直接)?(来)?(跟进|处理|联系|对接|回电|上门)|(给我|发我|留)(个|一个)?(售后|客服|人工|你们)?(的)?(联系方式|电话|微信|号码)|(约|预约|安排|派)(个|一个|一位)?(师傅|技术员|工程师)(上门|过来|来)|(找|叫|安排|换)(个|一个|一位)?(客服|人工|技术|工程师|师傅)(专员)?(远程|上门|来|帮|带|教|跟我|和我|与我)|人工客服|给我(个|一个)(电话|号码|联系方式|客服电话)|有没有人(能|可以|会)?(打|来|教|帮|远程|上门|视频)|(视频|语音)电话(教|指导|帮)|(叫|找|喊|联系|转)(一下|一个|个|下)?(你们)?(售后|客服|技术|人工)?(的)?(同事|专员|工作人员|小姐姐|小哥哥|师傅)|人工服务|找人工|要人工|接人工|人工坐席|真人客服|找真人|要真人|真人|活人|(找|叫|让|请)你们(的)?(客服|经理|主管|领导|负责人)(来|出来|过来|接电话)?|(找|叫)(你们)?(领导|负责人)(来|出来|过来)|(安排|派|找)(一位|一个|个)?(技术人员|技术员|工程师|师傅|技术支持)|(人工|客服)(的)?(电话|热线)(是)?(多少|几号)|客服(的)?电话号码(是)?多少|(给我|留个?|要个?)(你们)?(人工|客服)(的)?电话|加(一下|个)?(你们)?(售后|客服|工作人员|技术)?(的)?微信|转(给|到)(你们)?(售后|客服|人工|技术)(的)?(同事|专员|人员|部门)?|(请|让|麻烦)(负责的?|相关的?)?(工作人员|同事|专员|负责人)[^。！？!?]{0,12}(联系我|和我联系|与我联系|跟我联系|回复我|给我回电|发邮件)|有没有(人|客服|工作人员|技术人员|工程师)(能|可以)?(打|来|教|帮|远程|上门|视频|连线|指导)|(让|请)(他|她|那位|这位)?(接着|继续)(跟进|处理|帮我)/;
const HUMAN_REQUEST_ZH = [
  HUMAN_REQUEST_ZH_MAIN,
  // The agent who had the case before, staff's WeChat or phone, a video call (not the camera's), someone to phone a relative.
  /(找|让|请)(她|他|那位|这位)(客服)?(继续|接着|帮我)?(跟进|处理|负责|对接)|(客服|人工|售后|工作人员|技术人员)的?(微信|电话|手机号|邮箱|联系方式)(吗|是多少|多少|有吗)|(?<!(摄像头|C4|c4|app|App|APP)[^。！？!?]{0,6})(方便|能不能|可以|可不可以|能)(和你们|跟你们|跟客服|和客服)?(打个|开个|进行)?视频(通话|连线)(吗|不|么)?|安排(一位|一个|个)?(客服|工作人员|技术人员|师傅|专员)[^。！？!?]{0,8}(打电话|来电|联系|上门)/,
];
// Mentions that are not requests: asking the bot to relay a question, or reporting what an agent said.
const INDIRECT_EN = [
  // Asking the bot to have a person do a task: the customer's intent is the task.
  /\bask\s+(a|an|the|your|some)?\s*(live\s+)?(agent|agnet|gaent|agetn|agen|agnt|human|person|representative|rep|operator|someone|somebody)\b/i,
  /\b(tell|get|have|let)\s+(a|an|the|your|some)?\s*(live\s+)?(agent|human|person|representative|rep|operator|someone|somebody)\s+(how|to|if|whether|what|when|where|why|about|for)\b/i,
  /\b(can|could|would|will)\s+(a|an|the|your|some)\s+(agent|representative|rep|operator|human|person)\s+(?!talk|speak|chat|call|contact|get\s+in\s+touch|walk|guide|go\s+through|show\s+me|help\s+me|ring|phone|email|reach)[a-z]+/i,
  /\b(your|the|an|a|one of your)\s+(agent|representative|rep)s?\s+(told|said|mentioned|promised|gave)\b/i,
  /\b(agent|representative)\s+(told|said)\s+me\b/i,
  // What a camera should notice: "alert me when it's an actual person", "only notify for real people".
  /\b(alert|notif\w*|detect\w*|record\w*|ping|trigger\w*|warn)\b[^.?!]{0,40}\b(when|if|for)\s+(it'?s\s+|it\s+is\s+|there'?s\s+|there\s+is\s+)?(an?\s+)?(actual|real)\s+(person|people|human|humans)\b/i,
];
// Declining a person ("不用找人工，我自己弄") is the opposite of a request.
const DECLINED_ZH = /(不用|不需要|不要|无需|别|没必要)(帮我)?(找|转|接|叫)?(人工|真人|客服)/;
const DECLINED_EN = /\b(no\s+need|don'?t\s+need|do\s+not\s+need|don'?t\s+want|do\s+not\s+want)\s+(for\s+|to\s+(talk|speak|chat)\s+(to|with)\s+|to\s+(get|involve|bother|call|contact|bring\s+in)\s+|to\s+be\s+(passed|transferred|put\s+through|handed|sent)(\s+over)?\s+to\s+|(to\s+)?(pass|transfer|put|hand|send)\s+me\s+(on\s+|over\s+|through\s+)?to\s+)?(a|an|the|your)?\s*(real\s+|live\s+)?(human|person|agent|representative|operator|anyone|anybody|someone|somebody)s?\b/i;
const INDIRECT_ZH = /(帮我?|替我)?问(一?下|问)(你们)?的?(人工)?客服|(之前|上次|昨天|刚才)(的)?(人工)?客服(说|告诉|答应)|客服(说过|告诉过|答应过)/;

const BOT_COMPLAINT = [
  /\b(this|you)\s*('re|\s+are|\s+is)?\s+(so\s+)?(useless|stupid|dumb|pointless|worthless|a\s+joke|not\s+help(ing|ful))\b/i,
  /\b(you|u)\s+(don'?t|do\s+not|can'?t|cannot)\s+(understand|get\s+it|read|help)\b/i,
  /\bnot\s+understanding\b/i,
  /\b(stupid|useless|dumb)\s+(bot|robot|machine|chatbot|ai)\b/i,
  /\b(are\s+you|is\s+this)\s+(a\s+)?(bot|robot|machine)\b/i,
  /\btalking\s+to\s+a\s+(wall|machine|robot|bot|script)\b/i,
  /\b(you\s+keep|you'?re)\s+(repeating|saying\s+the\s+same)\b/i,
  /\b(you\s+)?keep\s+(sending|giving|showing|telling|pasting|copy-?pasting|posting|repeating)\s+(me\s+)?(the\s+)?same\b/i,
  /\bnot\s+what\s+i\s+(asked|meant|said)\b|\buseless\s+(answer|reply|response|bot|article)\b|\bthanks\s+for\s+nothing\b/i,
  /\bcopy[-\s]?past(e|ed)\s+(answer|reply|response)|\bnothing\s+to\s+do\s+with\s+what\s+i\s+(asked|said|meant)\b/i,
  // What the bot offered is not helping: "your suggestions aren't helping", "these steps don't work".
  /\b(your|these|those|the)\s+(suggestions|answers|replies|responses|steps|tips|instructions|articles)\s+(aren'?t|are\s+not|don'?t|do\s+not|never)\s+(help|work)(ing)?\b/i,
  /\bare\s+you\s+(even|actually)\s+(reading|listening)\b|\b(actually|properly)\s+read\s+(it|this|what|my)\b|\bread\s+what\s+i\s+(wrote|write|said)\b/i,
  /\b(sent|given|shown|told)\s+me\s+(the\s+)?same\s+(\w+\s+)?(link|answer|reply|article|message|response|steps|instructions|text)s?\b[^.?!]{0,20}\b(again|twice|three|four|five|\d+|several|multiple)\b/i,
  // Sent the same again, or an answer to another question: "I ask about member roles and get a paragraph about deleting my account".
  /\b(sent|gave|showed)\s+me\s+(that|this|the\s+same)\s+(exact\s+|same\s+)?(link|answer|article|page|reply|message)\b|\bi\s+ask(ed)?\s+(about|for)\s+[^.?!]{1,40}\s+and\s+(you\s+)?(get|got|give|gave|send|sent)\s+(me\s+)?|\basked\s+about\s+something\s+else\b|\b(same\s+)?generic\s+(\w+\s+)?(advice|answers?|repl(y|ies)|responses?|tips)\b/i,
  /\bdo\s+you\s+(even|actually)\s+read\b|\b(same|another)\s+canned\s+(reply|response|answer|message)\b|\bnothing\s+(you\s+)?(suggest|say|recommend)(ed|s)?\s+(works|helps|worked|helped)\b/i,
  /(你)?答的(是)?(什么|啥)(玩意|东西)|说的(是)?(什么|啥)玩意|等于白说|认真(看|读)(一下|看)?我(问|说|写)的/,
  /(一直|总是|老是)(在)?(重复|说)(同一句|一样的)|复读机|(每次|每回)(回答|回复|说)的?都(一样|一模一样|是这句)|(你|你们|机器人|客服|回答|回复|答案|链接)(说的|发的)?(到底|真的|究竟)?有用吗|(你|你们|机器人|客服|回答|回复|答案)(说的|给的|发的)?(都|也|真的?|根本|一点)?没用|说了半天|听不懂|你是机器人|机器人吧|是不是机器人|答非所问|又(甩|发|丢)(给)?我(这个|这)?(链接|文章|回答)|跟我问的(根本)?不是一回事|(发|回)过一模一样的|看清楚(再|了再)(回|答|说)|(跟|和)我问的(有)?(半毛钱|什么|啥|一毛钱)关系|(啥|一点)用(都)?没有|(跟|和)你(说|讲)不(明白|清|通)|(自己)?真(的)?用过(这|这个)?(东西|产品)吗|(别|不要)(给我)?念(流程|稿|模板)|只会(复制|粘贴|复制粘贴)|我问的(是|明明是)[^，,。！？!?]{1,12}[，,\s]*(你|结果)(却|倒)?(给我)?(讲|说|回|扯|答)了?(一堆|半天)?|没用的?机器人|智障|说了等于没说|什么破(机器人|客服)|听不明白|不懂人话|听(不)?懂人话/,
];
const PROFANITY = /\b(fuck\w*|f\*+k|shit\w*|bullshit|damn|crap|wtf|ass(hole)?|bastard\w*|bloody hell)\b|傻逼|傻[bB]|\bsb\b|他妈|妈的|tmd|草泥马|卧槽|我靠|滚蛋|狗屎|去你的/i;
const CHURN_THREAT = [
  /\b(i'?m|i\s+am|we'?re)\s+(going\s+to|gonna|about\s+to)\s+(leave|switch|cancel|return\s+everything|go\s+back)\b/i,
  /\bswitch(ing)?\s+to\s+(another|a\s+different|your\s+competitor|a\s+competitor|the\s+other)\b/i,
  /\b(going\s+back|switch(ing)?\s+back)\s+to\s+the\s+other\s+brand\b/i,
  /\bnever\s+(buy(ing)?|order(ing)?|use|using)\s+(from\s+)?(you|lumen|this|your)\w*\s*(again)?\b/i,
  /\b(post|tweet|write|share)\w*\s+(this|about\s+(this|you))?\s*(on|to)\s+(twitter|x|facebook|reddit|social\s+media|instagram|tiktok)\b/i,
  /\b(bad|negative|1[\s-]?star|one[\s-]?star)\s+review\b/i,
  /\b(report\s+you|lawyer|sue\s+you|legal\s+action|chargeback|bbb|better\s+business\s+bureau|consumer\s+protection)\b/i,
  /\bi'?ll\s+(cancel|leave|return)\b/i,
  /\b(i'?m|i\s+am)\s+(so\s+|really\s+|totally\s+|completely\s+)?done\s+with\b|\bpaying\s+for\s+this\s+(junk|garbage|rubbish|crap)\b/i,
  /\bcancel(l?ing)?\s+everything\b|\b(i'?m|i\s+am|we'?re)\s+done\b(?!\s+(now|with\s+(the|step|setup|that\s+step)))/i,
  /\bbuy\s+something\s+(else\s+)?that\s+(actually\s+)?works\b|\bforget\s+it[.!]/i,
  /\bnext\s+time\s+(i'?ll|i\s+will|we'?ll|we\s+will)\s+(just\s+)?(buy|go\s+with|get|pick|choose)\s+(a\s+|from\s+a\s+)?(different|another|other)\s+(brand|company|maker)\b/i,
  /\b(i'?ve|i\s+have)\s+(given\s+up|stopped\s+(recommending|telling\s+people))\b|\bgiven\s+up\s+on\s+(this|you|lumen|the|your)\b/i,
  /\bworst\s+(company|service|customer\s+service|support|experience)\b/i,
  /\bregret\s+(buying|purchasing|ordering)\b|\b(total|complete|absolute)\s+(garbage|junk|rubbish|trash)\b|\bwaste\s+of\s+money\b|\bpiece\s+of\s+(junk|garbage|crap|trash)\b/i,
  /\bdisput\w*\s+(the\s+|this\s+)?(charge|payment|transaction)\b|\b(absolutely|totally|completely)\s+unacceptable\b/i,
  // A formal complaint: dissatisfaction put in writing, a review promised, giving up on the product.
  /\b(deep|great|utter|extreme|strong)?\s*dissatisfaction\b|\b(simply|just|totally|frankly)\s+not\s+acceptable\b|\b(write|leave|post)\w*\s+(an?\s+)?(honest|scathing|bad|negative|terrible|brutal)\s+review\b|\bi\s+give\s+up\b|\b(really|so|very|deeply|extremely|incredibly)\s+disappointed\b/i,
  /气死|破产品|垃圾(产品|东西|公司|玩意)|坑人|骗子|太差劲|烂透了|什么破/,
  // Not "we're switching broadband providers" / "I'm leaving for work": switching what, leaving where.
  /\b(we'?re|i'?m|we\s+are|i\s+am)\s+(cancel(l)?ing|leaving|switching)\b(?!\s+(broadband|internet|isp|wi-?fi|routers?|networks?|phones?|(phone\s+|mobile\s+|internet\s+)?providers?|carriers?|plans?|apartments?|flats?|houses?|homes?|rooms?|for|on|in|at|from|the\s+(router|wi-?fi|network|broadband|internet)))/i,
  /\b(tell(ing)?|warn(ing)?)\s+everyone\b|\bstay\s+away\s+from\s+(you|lumen)\b/i,
  /(发|写)(个|一个|篇)?(避雷|吐槽)(帖|贴)?|小红书|(全部|都)(打包)?退(回去|了)|投诉|消协|12315|曝光|差评|再也不(买|用|会买)|换(别家|别的牌子|其他品牌)|发微博|发朋友圈|发到网上|律师|起诉|工商局|退货再也|消费者协会|(令人|让人|非常|太|很)失望/,
  // A complaint in writing, a bad experience, worn out by the product; leaving for another brand.
  /\bformal(ly)?\s+(complain\w*|complaint)\b|\bwriting\s+to\s+(formally\s+)?complain\b|\bnot\s+the\s+(level|standard|quality)\s+of\s+(service|support|care)\s+(i|we)\s+(expected|expect)\b|\b(very|really|so|such\s+a)\s+bad\s+experience\b|\b(very\s+)+tired\s+of\s+(this|the|your)\b|\bi\s+(don'?t|do\s+not|dont)\s+know\s+what\s+(else\s+)?to\s+(say|do)\s+anymore\b/i,
  /就当(花钱)?买了?(个|一个)摆设|不弄了|你们看着办吧|答案都不一样|每次(回答|给的|说的)都不一样/,
  /考虑(全部|都)?换(成)?(别家|别的牌子|其他牌子|其他品牌)|(再这样|这样下去)[^。！？!?]{0,12}(不续|退|换)|就不续了/,
];
// A customer at the end of their patience, whatever the cause: "I'm fed up", "what kind of company
// treats its customers like this", "受不了了", "这就是你们的售后？". Not a crash ("app 崩溃了").
const EXASPERATION = [
  /\b(fed\s+up|sick\s+(and\s+tired\s+)?of\s+(this|it|you)|had\s+enough|at\s+my\s+wits'?\s+end|(losing|lost)\s+(all\s+)?(my\s+)?patience)\b/i,
  /\b(absolute|total|complete|such\s+a|what\s+a)\s+(joke|farce|shambles|disgrace|nightmare)\b|\b(frankly|absolutely|utterly)\s+(disgraceful|shameful|appalling|pathetic)\b|\bdisgraceful\b/i,
  /\bwhat\s+kind\s+of\s+(company|service|support|business)\b|\btreat(s|ing)?\s+(its|your|their)\s+customers\b/i,
  /\b(wasted|wasting)\s+(an?|my|\d+|two|three|several)?\s*(whole\s+)?(hour|hours|day|days|evening|morning|afternoon|weekend)\b|\bgetting\s+(me\s+)?nowhere\b|\bgoing\s+(round|around)\s+in\s+circles\b/i,
  /\b(it'?s|this\s+is|that'?s)\s+(useless|hopeless|ridiculous|pathetic)\b/i,
  /\bwhat'?s\s+the\s+point\s+of\s+(a|an|the|this|having|paying|buying)\b/i,
  /\b(is\s+it|is\s+that)\s+(honestly\s+|really\s+)?too\s+much\s+to\s+ask\b|\bevery\.\s+single\.\s+\w+|\bwhat\s+(exactly\s+)?am\s+i\s+paying\s+(you\s+)?for\b|\bbeen\s+at\s+(this|it)\s+(all|for)\s+(week|day|night|morning|evening|hours|days|weeks|\d+)|\b(i'?m|i\s+am)\s+(honestly\s+|so\s+|just\s+|completely\s+)?(exhausted|drained|at\s+the\s+end\s+of\s+my\s+rope)\b|\bgoes\s+nowhere\b/i,
  /\blosing\s+my\s+mind\b|\bgoing\s+(crazy|insane|mad)\b|\bdriving\s+me\s+(crazy|nuts|mad|insane|up\s+the\s+wall)\b|[.,!]\s*come\s+on\s*[.!?]*\s*$|\bnot\s+even\s+close\b/im,
  /\b(fobbed|brushed)\s+off\b|\b(given|giving)\s+(me\s+)?the\s+run-?around\b|\bunbelievable\s*([.!,]+|$)|\bseriously\s+something\s+else\b|\b(a\s+)?waste\s+of\s+my\s+(time|evening|day|weekend|morning|afternoon|night|life)\b/i,
  /受不了了?|受够了|(?<!有点|有些|稍微|略)无语|冤种|花钱买罪受|破防|心态崩了|(人)?(已经)?麻了|这(也)?叫(智能|售后|服务)|你们自己(家)?(真的?)?用过(吗|没)|烦死了?|烦透了|忍无可忍|服了|离谱|白折腾|折腾(了)?(一晚上|一整天|半天|好几天|一下午|一上午|一晚|一周|好久)|算了算了|不问了|无语了|心累|我(要|快)崩溃了|(这|你们)?到底(行不行|管不管|有没有人管|能不能解决|能不能用)|这就是你们的(售后|服务|客服|态度)|(就是)?这么对待(客户|顾客|用户)|(大家)?千万别买|鬼影都没有|兜圈子|绕圈子|踢皮球/,
  /一肚子(火|气)|火大|气炸了|快气炸|买了一堆摆设|不指望(什么|你们)?了|懒得(再)?折腾|(挺|真|特别|相当|彻底|太让人)失望|给神仙用的|(跟|像)天书一样/,
];
const REPEAT_CLAIM = /\b(on\s+(two|three|four|five|several|multiple|\d+)\s+(separate\s+|different\s+)?occasions|i\s+(already|just)\s+(asked|said|told\s+you)|(asked|told\s+you|said\s+it|explained)\s+(this\s+|it\s+)?(two|three|four|five|several|many|multiple|\d+)\s+times|asked\s+(you\s+)?(this\s+)?(already|before|twice|again)|how\s+many\s+times|for\s+the\s+(second|third|\d+(st|nd|rd|th))\s+time|again\?{2,}|same\s+question|(\d+(st|nd|rd|th)|second|third|fourth|fifth)\s+time\s+(asking|explaining|telling|saying|writing|i('ve)?\s+(asked|explained|told|said)))\b|我(已经|都)?(问|说)(过|了)(好几遍|很多遍|多少遍|两遍|三遍)?了?|问了(好几|很多|多少)遍|第[二三四五六七八九十几\d]+(次|遍)(问|说|找|联系|来问)|说了(好几|多少)遍|再问一(遍|次)|(说|问|讲|解释)(了)?第[二三四五六七八九十几\d]+(次|遍)/i;

// The customer says what they were told did not solve it ("restarted it, still offline", "还是不行").
const NOT_FIXED_EN = /\b((?<!\b(do|would|will|can|could|should)\s)i\s+still\s+get\b|still\s+(don'?t|do\s+not|aren'?t|are\s+not)\s+(appear\w*|show\w*|work\w*|connect\w*|respond\w*|pair\w*|turn\w*|load\w*|come|get|switch\w*)|still\s+(time[sd]?\s+out|timing\s+out|reading|reads|goes|going|keeps|rebooting|restarting|dropping|disconnect\w*|not|no|nothing|locked|happening|expired|black|blank|missing|down|waiting|offline|broken|the\s+same|won'?t|doesn'?t|isn'?t|can'?t|cannot|having|getting|(shows?|says?)(?!\s+['"]?(preparing|processing|pending|order\s+(placed|received)|received|shipped|in\s+transit|awaiting|confirmed))|stuck|dead|blinking|flashing|failing|fails)|(didn'?t|did\s+not|doesn'?t|does\s+not|won'?t)\s+(help|work|fix)|(that|this|it)\s+(didn'?t|did\s+not)\b|(already|i)\s+tried\s+(that|this|it|everything)|\balready\s+(did|done|tried|checked)\s+(that|this|it|everything|all\s+(of\s+)?(that|this|it)|the\s+\w+\s+thing)\b|tried\s+(that|this|it)\s+already|nothing\s+(works|worked|changed|helps|helped)|no\s+(difference|change|improvement)\s+(whatsoever|at\s+all)|(made|makes)\s+no\s+(difference|change)|(didn'?t|did\s+not)\s+make\s+(any|a|the\s+slightest)\s+difference|same\s+(problem|issue|error|thing)(\s+(again|still))?|no\s+luck|not\s+fixed|(it'?s|its)\s+back\s+to\b(?!\s+(normal|working|work|solid\s+white|white|green|online|fine|life|how\s+it\s+was))|still\s+(getting\s+)?(error\s+)?e\d{3,5}|(did|done|tried)\s+(all\s+)?(of\s+)?(that|this|everything)|nothing\s+(you'?ve|you\s+have|you)\s+(said|suggested|say|suggest)\s+(has\s+)?(worked|helped|works|helps|changes|changed|fixes|fixed|does)|none\s+of\s+(this|that|it|these|them)\s+(works|worked|helps|helped|is\s+(working|helping)|are\s+(working|helping)))\b/i;
// The same error back after trying again: "tried again. E1042 AGAIN".
const NOT_AGAIN_EN = /\b(e\d{4}|error|same\s+(error|code|thing|problem))\s+again\b|\btried\s+(it\s+)?again\b[^.?!]{0,30}\b(same|still|e\d{4})\b/i;
const NOT_FIXED_ZH = /还是不行|还是没用|没有用|没用|不管用|没效果|没有效果|试过了|都试了|照做了.*(不行|没用)|还是(离线|连不上|不能|没有|一样|不亮|显示|提示|报错|报|失败|老样子|红灯|黑屏|说|闪|锁)|(啥|一点)用(都)?没有|白折腾|依然|仍然|照样|问题没解决|没解决|还是\s*[A-Za-z]\d{3,5}|还是[^，。！？!?\s]{0,8}(超时|都?没有|没反应|收不到)|都试过|都做了|你说的都/;

// "I'll do it myself": a customer declining help from a person, which says nothing of the problem.
const SELF_SERVE = /我自己(来|弄|搞|处理|试试?|看看)|\bi('ll| will| can)\s+(do|fix|sort|handle|try)\s+(it|this|that)\s+myself\b/i;

// Praise that means the opposite: "Fantastic product, truly." after an evening lost to the device,
// "可真“稳定”啊" about a hub that dropped off four times. Praise alone is praise; sarcasm needs
// the failure it is about in the same message (or scare quotes, which say it on their own).
const IRONIC_PRAISE_EN = /\b(?:(?:truly|really|just|such|so)\s+)?(fantastic|great|brilliant|wonderful|amazing|excellent|superb|lovely|awesome|stellar|impressive|top[-\s]notch)\s+(quality\s+control|product|service|support|job|work|stuff|quality|experience|company|engineering)\b[,\s]*(truly|really|honestly|guys|lumen|thanks|well\s+done)?\s*[.!]*[\s\p{Extended_Pictographic}\u{FE0F}\u{1F3FB}-\u{1F3FF}]*$|^\W*((oh|wow)[.!,]*\s+)?(great|fantastic|brilliant|wonderful|perfect|just\s+great|just\s+perfect|thanks\s+a\s+lot)\s*[.!,]+\s+(?!.*\?\s*$)/imu;
const FAILURE_EN = /\b(fight\w*|again|(second|third|fourth|fifth)\s+(replacement|unit|one|time)|\d+(st|nd|rd|th)\s+time|(exactly\s+)?the\s+same\s+(thing|problem|fault|issue)|still|broken|dead|hours?|whole\s+(evening|day|night|morning|weekend)|instead\s+of|useless|wasted?|never|offline|drop(s|ped|ping)?\s+(off|out)|keeps?\s+\w+ing|(twice|three\s+times|four\s+times)|another\s+(copy|useless|canned|same)|nothing\s+to\s+do\s+with)\b/i;
const IRONIC_PRAISE_ZH = /(真的)?会谢|真不错(呢|啊)|真·|科技改变生活|好开心呢|太棒了|真棒|真行|真厉害|真是谢谢|呵呵|可真(是)?(稳定|好用|靠谱|给力|智能|行)|(真是|真|太|好)(贴心|周到|省心|方便)了?(呢|啊|呀)?|谢谢你们啊/;
const FAILURE_ZH = /全没了|一整晚|没成功|不配用|都没了|一个不剩|复读机|一模一样|答非所问|第[二三四五六七八九十几\d]+次|又(掉|坏|断|离线|不行|出问题|没(开|亮|响|反应|推送))|一次都没(亮|开|响|成功|连上)过?|黑屏|断电|罢工|掉线|坏了|不行|没用|离线|连不上|一晚上|一整天|折腾/;
// Ironic on their own ("groundbreaking.", "would never have thought of that", 🙃 after a failure report).
const SARCASTIC_EN = /\bgroundbreaking\b|\bgenius\s+(idea|advice|suggestion)\b|\b(would|could)\s+never\s+have\s+thought\s+of\s+(that|it)\b|\bcaptain\s+obvious\b|\bliving\s+in\s+the\s+future\b|\bcool\s+cool\s+cool\b/iu;
// An eye-roll emoji is ironic after a failure; on a calm question it is only a sigh.
const IRONIC_EMOJI = /[\u{1F643}\u{1F644}\u{1F612}]/u;
const SCARE_QUOTES_ZH = /[“"「『](稳定|好用|靠谱|给力|智能|贴心|专业|快|聪明|方便|省心|高效)[”"」』]/;

export function isSarcastic(text: string): boolean {
  return (IRONIC_PRAISE_EN.test(text) && FAILURE_EN.test(text)) || SARCASTIC_EN.test(text) || (IRONIC_EMOJI.test(text) && (FAILURE_EN.test(text) || FAILURE_ZH.test(text))) || SCARE_QUOTES_ZH.test(text) || (IRONIC_PRAISE_ZH.test(text) && FAILURE_ZH.test(text));
}

export function matchesAny(text: string, patterns: readonly RegExp[] | RegExp): boolean {
  return (Array.isArray(patterns) ? patterns : [patterns]).some((p) => p.test(text));
}

/** Asking the bot to relay something to an agent, reporting what an agent said, or declining one. */
// A request for a person names one, or a way to reach one: the classifier's contact_human reading
// of "T3能用Alexa语音控制吗" (voice control) names neither.
const PERSON_OR_CONTACT = /人工|客服|真人|活人|有人|个人|找人|同事|经理|主管|领导|负责人|专员|师傅|工程师|技术|工作人员|电话|联系|微信|回电|\b(agent|human|person|people|someone|somebody|anyone|anybody|staff|team|colleague|rep|representative|manager|supervisor|operator|technician|engineer|specialist|call|phone|ring|contact|email|callback)s?\b/i;

/** The message names a person or a way to reach one (a request for a person must). */
export const mentionsPersonOrContact = (text: string) => PERSON_OR_CONTACT.test(text);

const declinesPerson = (text: string) => DECLINED_ZH.test(text) || DECLINED_EN.test(text);

export const isIndirectHumanMention = (text: string) => matchesAny(text, INDIRECT_EN) || INDIRECT_ZH.test(text) || declinesPerson(text);

/** An explicit request to be handed to a person; a mention of an agent in passing is not one. */
export function isHumanRequest(text: string): boolean {
  if (isIndirectHumanMention(text)) return false;
  return matchesAny(text, HUMAN_REQUEST_EN) || matchesAny(text, HUMAN_REQUEST_ZH);
}

// "你是机器人吧 没关系 不用转人工": noticing the bot while declining a person is not a complaint about it.
export const isBotComplaint = (text: string) => matchesAny(text, BOT_COMPLAINT) && !declinesPerson(text);
export const hasProfanity = (text: string) => PROFANITY.test(text);
export const isChurnThreat = (text: string) => matchesAny(text, CHURN_THREAT);
export const isExasperated = (text: string) => matchesAny(text, EXASPERATION);
export const claimsRepeat = (text: string) => REPEAT_CLAIM.test(text);
// Clauses end at punctuation, at a dash between words, and at a space between Chinese words
// (many Chinese customers type a space where a comma would go).
const CLAUSE_BREAK = /(?<=[，,。.!！?？;；:：])\s*|\s+[-–—]\s+|(?<=\p{Script=Han})\s+(?=\p{Script=Han})/u;
// A whole clause of courtesy about the conversation itself ("sorry to ask again", "你好",
// "不好意思再问一下"): none of its words are the problem's.
const COURTESY = /^\s*((hi|hello|hey)( there)?|sorry( to (ask|bother you|trouble you))?( again)?|apologies|not a complaint|just (a quick one|checking|curious|wondering)|quick question|thanks?( you)?( in advance| so much)?|你好|您好|不好意思(再)?(问一下|打扰了?)?|打扰(一下|了)|谢谢(啦|了)?|麻烦(问|请教)一下)\s*[,.!:;，。！：；]?\s*$/iu;

/**
 * The message without its asides about people ("不用找人工，我自己弄，网关怎么重启" -> "网关怎么重启")
 * and its courtesies ("sorry to ask again, ..."): those clauses carry no words of the problem, and
 * only blur the search. Never empties a message.
 */
export function withoutAsides(text: string): string {
  // Clauses at even indexes, each followed by the break that ended it (kept with the clause).
  const parts = text.split(new RegExp(`(${CLAUSE_BREAK.source})`, 'u'));
  const clauses = parts.filter((_, i) => i % 2 === 0);
  const aside = (c: string) => DECLINED_ZH.test(c) || DECLINED_EN.test(c) || SELF_SERVE.test(c) || COURTESY.test(c);
  const kept = clauses.map((c, i) => (aside(c) ? null : c + (parts[2 * i + 1] ?? ''))).filter((c): c is string => c !== null);
  return kept.length && kept.length < clauses.length ? kept.join('').trim() : text;
}

// Other makers' appliances and services, asked about here by mistake ("my Samsung fridge keeps
// beeping", "Comcast raised my bill", "哪款扫地机器人好"). Out of scope when the message names none of
// the business's own products; the agent checks that against its glossary.
const OTHER_MAKERS = /\b(samsung|whirlpool|bosch|miele|dyson|roomba|irobot|ring\s+(doorbell|camera|cam|app)|nest\s+(thermostat|cam|doorbell)|arlo|wyze|eufy|ecobee|comcast|xfinity|verizon|t-mobile|netgear|tp-?link|linksys|huawei|xiaomi|haier|midea)\b|\b(fridge|refrigerator|washing\s+machine|dishwasher|tumble\s+dryer|robot\s+vacuum|vacuum\s+cleaner|microwave|internet\s+bill|phone\s+bill)\b|三星|海尔|美的|格力|戴森|华为|小米|西门子|冰箱|洗衣机|洗碗机|扫地机器人|吸尘器|微波炉|宽带费|话费/i;

/** The message is about another maker's appliance or service (see OTHER_MAKERS). */
export const namesOtherMaker = (text: string) => OTHER_MAKERS.test(text);

// Saying that something works now, or thanks, and asking nothing: "thanks the plug is working great
// now", "camera setup done finally", "摄像头装好了 画面很清楚 谢谢啊". A person has nothing to do here.
const ACK_EN = /\b(thanks|thank\s+you|thx|ty|cheers|much\s+appreciated)\b|\b(it'?s|is|are|all|everything'?s?)\s+(working|sorted|fixed|good|fine|great)\b|\b(works?|working)\s+(now|again|great|perfectly|fine|a\s+treat)\b|\b(all\s+)?(sorted|fixed)\b|\b(paired|connected|set\s+up|installed|online|done)\s+(now|again|finally)\b|\bsetup\s+(is\s+)?done\b|👍/i;
const ACK_ZH = /谢谢|谢啦|多谢|感谢|好了|搞定|可以了|解决了|没问题了|设好了|装好了|弄好了|连上了|好用|正常了|舒服/;
// Any sign of a question or of something still wrong.
const ASKS = /[?？]|吗|呢|么|怎么|怎样|如何|为什么|为啥|咋|啥|什么|能不能|可不可以|会不会|是不是|有没有|是否|多少|多久|几|哪|问|原因|\b(how|what|why|when|where|which|who|whether|any\s+idea|wondering|question|ask|help)\b|(^|[.!,;]\s*)(can|could|would|will|is|are|do|does|did|should|may)\s/i;
const STILL_WRONG = /\b(not|never|nothing|still|but|except|no\s+longer|anymore|again\s+and\s+again)\b|n'?t\b|(?<!没问题)[不没]|还是|但是|可是|就是/i;
// A problem reported alongside ("the ring is solid red. internet on my laptop works fine tho").
const PROBLEM_SAID = /\b(red|error|offline|e\d{4}|broken|fail\w*|problem|issue|wrong|stuck|dead|blinking|flashing|tho|though)\b|红灯|离线|报错|故障|坏|失败|问题|闪/i;
const MAX_ACK_LENGTH = 120;

/** The customer says something works now, or thanks, and asks nothing more. */
export function isAcknowledgement(text: string): boolean {
  const t = text.replace(/没问题了/g, '好了');
  return t.length <= MAX_ACK_LENGTH && (ACK_EN.test(t) || ACK_ZH.test(t)) && !ASKS.test(t) && !STILL_WRONG.test(t) && !PROBLEM_SAID.test(t) && !claimsNotFixed(t) && !isSarcastic(t);
}

/** The customer reports that the help given did not work. Meaningful only after an answer. */
export const claimsNotFixed = (text: string) => NOT_FIXED_EN.test(text) || NOT_AGAIN_EN.test(text) || NOT_FIXED_ZH.test(text);

/** CAPS LOCK sentences or runs of "!!!": words of 3+ capital letters (codes like XR200 excluded). */
export function isShouting(text: string): boolean {
  const capsWords = text.match(/\b[A-Z]{3,}\b/g)?.filter((w) => !/^(XR|OK|LED|USB|SMS|APP|FAQ|PIN|ETA|ASAP)$/.test(w)) ?? [];
  const letters = text.match(/[A-Za-z]/g)?.length ?? 0;
  const upper = text.match(/[A-Z]/g)?.length ?? 0;
  return capsWords.length >= 3 || (letters >= 12 && upper / letters > 0.7) || /[!！?？]{3,}/.test(text);
}
