import { describe, expect, it } from 'vitest';
import { assessFrustration } from './frustration.js';
import { messageLanguage } from './language.js';
import { assessPriority } from './priority.js';
import { affect, sentiment } from './sentiment/index.js';
import { claimsNotFixed, claimsRepeat, isAcknowledgement, namesOtherMaker, withoutAsides, hasProfanity, isBotComplaint, isChurnThreat, isExasperated, isHumanRequest, isIndirectHumanMention, isSarcastic, isShouting } from './signals.js';

describe('human request', () => {
  it.each(['let me talk to a real person', 'agent please', 'Pass me to a human please', 'I want to speak with a representative', '转人工', '我要人工客服', '找真人', 'I want compensation, get me a human', '叫你们负责人出来', '让你们主管来处理', 'is this a real person?', '麻烦安排一位客服专员与我电话沟通', 'can someone from your team give me a call about my order?', 'I would appreciate it if one of your staff could contact me directly', '能不能打个电话给我 打字说不清楚', 'would feel much more comfortable if someone from your support team could walk me through it on a video call. Could someone please get in touch to arrange this?', "what's your support phone number?", '你好 能不能安排个技术人员远程帮我看下网关 谢谢', '你们客服电话是多少 我直接打过去说', 'is there anyone real there or am I just talking to a script', 'could a person walk me through it instead?', "ok just give me a phone number, I'll call myself", 'Could a member of your staff please get in touch with me so we can sort out access?', 'can you pass this on to someone on your team who can look at my account?', 'can I book a callback with one of your technicians about wiring my T3?', 'hand me over to one of your colleagues pls', '给我个电话我自己打', '好复杂啊 有没有人能打个视频电话教我一下', '帮我转个人工查一下吧', '能帮我叫一下售后的同事吗', 'Can a real support person look at my account?', "I'd prefer a person to screen-share with me while I do it", "I'd still rather have one of your technicians come out and look at our setup", 'Is there a support phone line I can call?', '人工 人工 人工', '能让工程师联系我一下吗', '能给我个售后的联系方式吗 电话或者微信都行', '能不能约个师傅上门帮我装一下', '能不能找个客服远程带我操作一遍', "what's the phone number for Lumen support? I'd rather just ring", 'Is there someone I could talk to on the phone about setting the hub up?', 'Priya was helping me with the return last week, could she get back in touch with me?', '方便加一下你们客服的微信吗 发语音说得清楚点', '算了 直接转给售后的同事吧', '麻烦负责的同事直接发邮件和我联系', '有没有工作人员可以视频连线指导一下', '上次那个客服小王能不能接着跟进我的单子 想让她继续处理', 'Tom sorted my refund last month, can I carry on with him?', 'please get a staff member to email me, I cannot chat from the office', 'could we do a video call so I can show you the wiring?', 'Can you put me through to your returns department?', '还是找他处理吧 之前就是他跟的', '你们售后的微信是多少', '能不能跟客服视频通话 我给你们看下接线', '麻烦安排个客服直接打电话给我妈 她不会用app', 'I need someone to sort this out today please', '我还是想跟你们的同事直接沟通 麻烦安排一下', '你们能不能赶紧找个人处理'])('"%s" is a request', (t) => {
    expect(isHumanRequest(t)).toBe(true);
  });
  it.each(['could you ask an agent how to change my address?', 'your agent told me the refund takes 5 days', '能帮我问下人工客服怎么改地址吗', '之前客服说今天能到', 'how do I add a person to my home?', '不用找人工，我自己弄，网关怎么重启', 'no need for an agent, just tell me how to reset it', 'no need to get a human involved, just tell me how to factory reset the camera', "I don't want to bother your agents, how do I pair the plug?", "can the camera just alert me when it's an actual person?", 'only record when it detects a real person', 'how do I call the hub from the app', "my wife will call me when it's done", 'can someone else in my family use the app?', '手机号码怎么改', 'has anyone else had this problem?', '有没有人遇到过网关离线', 'tell me the tracking number for my order', 'can an agent check why my refund is late?', 'my electrician wants to know which wire is C', "don't need to speak to anyone, how do I share the camera with my wife?", 'the C4 can do a video call with whoever rings the bell?', '摄像头可以视频通话吗', 'can I share the live view with her too?', 'how do I transfer the hub to my new flat?'])('"%s" is not', (t) => {
    expect(isHumanRequest(t)).toBe(false);
  });
  // The intent classifier reads "human" in these as contact_human; the agent overrules it on this.
  it.each(['no need to get a human involved, just tell me how to factory reset the camera', "I don't want to bother your agents, how do I pair the plug?", '不用转人工', 'No need to pass me to a human, I just want to know how long the refund takes', "my cat sets off the C4 all day, can it just alert me when it's an actual person?"])('"%s" declines a person, or is not about one to talk to', (t) => {
    expect(isIndirectHumanMention(t)).toBe(true);
  });
});

describe('asides about people', () => {
  it.each([
    ['不用找人工，我自己弄，网关怎么重启', '网关怎么重启'],
    ["no need for an agent, just tell me how to reset it", 'just tell me how to reset it'],
    ["I'll fix it myself. How do I reset the hub?", 'How do I reset the hub?'],
    ['how do I reset the hub?', 'how do I reset the hub?'],
    ['不用找人工', '不用找人工'],
    ['不用转人工哈 就问一下门磁用的是啥型号的电池', '就问一下门磁用的是啥型号的电池'],
    ["I don't want to be passed to an agent, just tell me how to turn the hub's light off", "just tell me how to turn the hub's light off"],
    ['sorry to ask again, I closed the chat by accident - how many days do I have to send something back?', 'I closed the chat by accident - how many days do I have to send something back?'],
    ['不好意思再问一下 要是选加急 运费要多付多少', '要是选加急 运费要多付多少'],
    ['Hi there! Is the T3 compatible with heat pumps?', 'Is the T3 compatible with heat pumps?'],
    ['sorry but the hub keeps going offline', 'sorry but the hub keeps going offline'],
  ])('%j is searched as %j', (message, query) => {
    expect(withoutAsides(message)).toBe(query);
  });
});

describe('the help given did not work', () => {
  it.each(['did all that, kept it right next to the hub, still E1042', "nope. same error. nothing you've said has worked", '按了按钮，也拔下来重新插了，还是 E4010', 'restarted it, still offline', 'STILL offline, nothing works', 'that did not help', "signed in as you described but the bulbs still don't appear in Alexa", 'reset it too, still times out every single time', 'already did the schedule thing', 'I still get 30 alerts an hour', '按你说的长按了 还是超时', '还是一条通知都没有', "tried that already, no luck", 'it still says E1042', '重启了还是不行', '按你说的做了，还是离线', '没用啊', '试过了', "STILL E2003. that's the third card. nothing you suggest works", 'changed the zigbee channel like you said. no difference whatsoever', '格式化了 又换了张新卡 还是报E2003'])('"%s" says so', (t) => {
    expect(claimsNotFixed(t)).toBe(true);
  });
  it.each(['how do I restart the hub', 'is the thermostat still under warranty?', 'thanks, that worked', '网关怎么重启', '退款多久到账', 'can I still cancel before it ships', 'do I still get free shipping if I return one?', "I still don't know which plug to buy", 'I already did the return, when is my refund due?', "rebooted the router like u said and it's back to solid white, thanks!!"])('"%s" does not', (t) => {
    expect(claimsNotFixed(t)).toBe(false);
  });
});

describe('frustration signals', () => {
  it('recognises complaints about the bot, profanity, shouting and threats to leave', () => {
    expect(isBotComplaint('this is useless')).toBe(true);
    expect(isBotComplaint('你听不懂吗')).toBe(true);
    expect(hasProfanity('what the fuck is going on')).toBe(true);
    expect(hasProfanity('他妈的又坏了')).toBe(true);
    expect(isShouting('FIX IT NOW OR ELSE')).toBe(true);
    expect(isShouting('my XR-200 shows E1042 with the LED')).toBe(false);
    expect(isChurnThreat("I'll post this on twitter")).toBe(true);
    expect(isChurnThreat('我要去消协投诉')).toBe(true);
    expect(isChurnThreat('how do I cancel my order')).toBe(false);
    expect(isChurnThreat("incredible service. honestly next time I'll just buy a different brand")).toBe(true);
    // A bit taken aback is not out of patience.
    expect(isExasperated('有点无语 温控器上显示23度 旁边温度计才21度')).toBe(false);
    expect(isExasperated('真的无语了 第三次了')).toBe(true);
    expect(isExasperated('老公说我净买些没用的东西 我现在一肚子火')).toBe(true);
    expect(isExasperated('空气炸锅插在智能插座上，一开就断电')).toBe(false);
    expect(isChurnThreat('4th time this month. i am SO done with this. why am i paying for this junk')).toBe(true);
    // Useless lying around is not a complaint about the bot; the bot's answers being useless is.
    expect(isBotComplaint('老的 XR-100 放着也没用了，你们能回收吗')).toBe(false);
    expect(isBotComplaint('你说的都没用')).toBe(true);
    expect(claimsNotFixed('mine still says Preparing for shipment - can I cancel it myself?')).toBe(false);
    expect(isExasperated("honestly whats the point of a smart home that's slower than a light switch")).toBe(true);
    expect(isChurnThreat("We're switching broadband providers next week, what do I need to do so the hub keeps working?")).toBe(false);
    expect(isChurnThreat("we're switching to another brand")).toBe(true);
    expect(isChurnThreat("I'm switching")).toBe(true);
  });

  it('hears a repeat claimed with a count, the same article again, and a customer who is done', () => {
    expect(assessFrustration(['I asked three times already and you keep sending the same article']).signals.map((s) => s.name)).toEqual(expect.arrayContaining(['repeated_question', 'bot_complaint']));
    expect(isChurnThreat("this is the worst company ever, I'm done, cancel everything")).toBe(true);
    expect(isChurnThreat("ok I'm done now, what's next?")).toBe(false);
    expect(isBotComplaint("that's not what I asked. Great, another useless answer. Thanks for nothing.")).toBe(true);
    expect(isChurnThreat('honestly regret buying anything from lumen, total garbage')).toBe(true);
    expect(isChurnThreat("Absolutely unacceptable, I'm disputing the charge with my bank")).toBe(true);
    expect(isChurnThreat('你们这什么破产品，买了一个月坏了三次，气死我了')).toBe(true);
    expect(isHumanRequest("Get me someone who actually knows what they're doing.")).toBe(true);
    expect(isHumanRequest('设备太多了 能不能给我安排一个专门对接的客服')).toBe(true);
    expect(isBotComplaint('you keep pasting the same thing')).toBe(true);
    expect(isExasperated('还是没推送 你们这到底能不能用')).toBe(true);
    expect(isExasperated('three weeks and still nothing. unbelievable')).toBe(true);
    expect(isChurnThreat("forget it. I'll buy something that actually works")).toBe(true);
    expect(isChurnThreat('算了 不弄了 就当买了个摆设')).toBe(true);
    expect(claimsRepeat('I have written on three separate occasions about this')).toBe(true);
    expect(isHumanRequest("I'd rather go over this with one of your colleagues than a chatbot")).toBe(true);
    expect(isHumanRequest('Please have a member of your support staff contact me about my order')).toBe(true);
    expect(isHumanRequest("I'd prefer to speak with whoever handles warranty claims")).toBe(true);
    expect(isHumanRequest('could somebody from Lumen phone my dad and walk him through it?')).toBe(true);
    expect(isHumanRequest('这个事我想跟你们的工作人员说')).toBe(true);
    expect(isHumanRequest('你们有客服热线吗')).toBe(true);
    expect(isHumanRequest('账户上有点事想单独跟工作人员确认一下')).toBe(true);
    expect(isHumanRequest('能不能约个时间跟你们同事电话聊聊')).toBe(true);
    expect(isHumanRequest('我和同事说了这个插座很好用 想再买两个')).toBe(false);
    expect(namesOtherMaker('my Samsung fridge keeps beeping')).toBe(true);
    expect(namesOtherMaker('海尔冰箱老是结冰')).toBe(true);
    expect(namesOtherMaker('the light ring on my hub is amber')).toBe(false);
  });

  it.each([
    "third chat today and every single time I get the same canned 'restart your router' reply. I'm fed up with this",
    'your app has logged me out 5 times today. absolute joke',
    'waited 40 minutes on hold yesterday and then got cut off. what kind of company treats its customers like this',
    'The way my return has been handled over the past month is frankly disgraceful',
    "removed the camera and added it again, still E3005. I've wasted an hour on this, it's useless",
    'I asked about ECO temperatures, not the schedule. do you even read what I write??',
    '买了你们全家桶 结果三天两头离线 私信也没人理 这就是你们的售后？？大家千万别买',
    '我问的是人形检测 你答的什么玩意儿 能不能认真看看我问的啥',
    '换了卡还是E2003 你们这到底啥毛病 说了等于白说',
    '你说的我都照做两遍了 还是 E1001 到底行不行啊',
    'zigbee信道也换了 还是E1203 一直在兜圈子 受不了了',
  ])('"%s" is high frustration', (t) => {
    expect(assessFrustration([t]).level).toBe('high');
  });
  it.each([
    'the app crashed (app 崩溃了) when I opened the camera',
    'app 一打开就崩溃 怎么办',
    'is the P2 hot to the touch normally? mine is warm',
    'how do I get the hub to stop going round the schedule twice',
    'what kind of battery does the door sensor use',
    'is it useful to add a second hub?',
    '你们到底支持哪些支付方式',
    '保修申请提交一周了都没人理', // annoyed (medium), not at the end of their patience
  ])('"%s" is not exasperation', (t) => {
    expect(isExasperated(t)).toBe(false);
  });

  it('a calm conversation is low; the same question again is medium; anger is high', () => {
    expect(assessFrustration(['how do I reset the hub?', 'thanks!']).level).toBe('low');
    const repeated = assessFrustration(['how do I reset the hub?', 'that did not help', 'how do I reset the hub??']);
    expect(repeated.level).toBe('medium');
    expect(repeated.signals.map((s) => s.name)).toContain('repeated_question');
    const angry = assessFrustration(['my hub is offline', 'THIS IS RIDICULOUS, FIX IT!!!']);
    expect(angry.level).toBe('high');
    expect(angry.score).toBeGreaterThanOrEqual(0.6);
    expect(angry.signals.map((s) => s.name)).toEqual(expect.arrayContaining(['shouting', 'negative_sentiment']));
  });

  it("the intent classifier's reading of a complaint about the bot counts, in words no cue lists", () => {
    const turns = ['how do I pair the S1', 'mate that reply could have been written by a fortune cookie'];
    expect(assessFrustration(turns).level).toBe('low');
    const read = assessFrustration(turns, { botComplaint: true });
    expect(read.level).toBe('high');
    expect(read.signals.find((s) => s.name === 'bot_complaint')?.evidence).toBe(turns[1]);
  });

  it('asking for a person after repeating the question is high; asking calmly is low', () => {
    expect(assessFrustration(['agent please']).level).toBe('low');
    expect(assessFrustration(['how do I reset it', 'I asked already, how do I reset it', 'let me talk to a human']).level).toBe('high');
  });
});

describe('sentiment', () => {
  it('English: negation reaches the next words only, and "but" shifts the weight', () => {
    expect(sentiment('this is great').score).toBeGreaterThan(0.3);
    expect(sentiment('this is not great').score).toBeLessThan(0);
    expect(sentiment('not bad at all, thanks').score).toBeGreaterThan(0);
    expect(sentiment('the app is nice but the hub is terrible').score).toBeLessThan(0);
  });

  it('Chinese: phrases, negation, intensifiers and contrast', () => {
    expect(sentiment('很快，好吃，味道足').score).toBeGreaterThan(0.3);
    expect(sentiment('不好吃').score).toBeLessThan(0);
    expect(sentiment('还不错').score).toBeGreaterThan(0);
    expect(sentiment('非常差').score).toBeLessThan(sentiment('差').score);
    expect(sentiment('包装很好，但是东西太难用了').score).toBeLessThan(0);
    expect(sentiment('快递到了').score).toBe(0); // 快 in 快递 is not "fast"
  });

  it('affect leaves out words that only name a problem', () => {
    expect(sentiment('the update failed').score).toBeLessThan(0);
    expect(affect('the update failed').score).toBe(0);
    expect(affect('the update failed, this is ridiculous').score).toBeLessThan(-0.3);
  });
});

describe('priority', () => {
  const base = { categories: [], frustration: 'low' as const, sentiment: 0, tier: 'standard' as const };
  it('a smoke detector is a product, not smoke', () => {
    expect(assessPriority({ ...base, turns: ['my smoke detector will not pair with the hub'] }).priority).not.toBe('P1');
  });
  it.each([
    [['the whole service is down, all devices went offline'], 'P1', 'outage'],
    [['my account was hacked'], 'P1', 'security_breach'],
    [['我的录像全没了，数据丢失'], 'P1', 'data_loss'],
    [['my thermostat is making a burning smell and there is smoke'], 'P1', 'safety_hazard'],
    [['温控器冒烟了，有烧焦的味道'], 'P1', 'safety_hazard'],
    [['我的账号被别人盗了'], 'P1', 'security_breach'],
    [['有人登了我的账号，把绑定邮箱都改了'], 'P1', 'security_breach'],
    [["I can't log in"], 'P2', 'cannot_log_in'],
    [['支付一直失败'], 'P2', 'payment_failed'],
    [['rain is pouring in through the window onto the plugs behind the TV and they are still plugged in'], 'P1', 'safety_hazard'],
    [['阳台漏水 水一直滴到通着电的网关上'], 'P1', 'safety_hazard'],
    [['all of our clips from last week have been wiped, we need them for the insurance'], 'P1', 'data_loss'],
    [['卡里扣了 ¥899 可是订单显示支付失败'], 'P1', 'payment_taken_but_failed'],
    [['付款显示成功了 但是我的订单里查不到这个订单'], 'P1', 'payment_taken_but_failed'],
    [['这个月被扣了 4 次会员费'], 'P1', 'charged_twice'],
    [['the boiler is not firing at all, -12 outside and my dad is 84'], 'P1', 'vulnerable_at_risk'],
    [['监控喇叭里突然冒出一阵陌生人的说话声'], 'P1', 'security_breach'],
    [['这个月的扣款又失败了'], 'P2', 'payment_failed'],
    [['钱扣了但是订单没下成功'], 'P1', 'payment_taken_but_failed'],
    [['下单页面显示支付失败，订单列表里也没有，可是信用卡已经扣了 129 刀'], 'P1', 'payment_taken_but_failed'],
    [["I've been charged twice for the same order, two identical charges on my statement"], 'P1', 'charged_twice'],
    [['这个月 Lumen Plus 扣了我两次，银行账单上两笔一模一样的'], 'P1', 'charged_twice'],
    [['I run a small café and every Lumen device we have (the hub, the six plugs, both cameras) went offline right as we opened'], 'P1', 'outage'],
    [['从早上开始app就打不开 设备全离线 群里好多用lumen的都在说一样的情况'], 'P1', 'outage'],
    [['app家庭成员里多了一个我根本不认识的人 还是管理员权限 我没邀请过任何人'], 'P1', 'security_breach'],
    [['there is an unknown admin in my home that I never invited'], 'P1', 'security_breach'],
    [['我没下过单 信用卡上却多了一笔Lumen商城的扣款 299刀'], 'P1', 'security_breach'],
    [['smell of burning from the thermostat on the wall, the screen went black'], 'P1', 'safety_hazard'],
    [['water is dripping from the ceiling right onto the hub and the smart plug next to it'], 'P1', 'safety_hazard'],
    [['网关外壳鼓起来了 都裂开一道缝了 摸着很烫'], 'P1', 'safety_hazard'],
    [["I've been charged $49.99 AND $4.99 for Lumen Plus on the same day. I only have one subscription, the yearly one."], 'P1', 'charged_twice'],
    [['Plus年费扣了我三次 49.99扣了三笔 银行短信来了三条'], 'P1', 'charged_twice'],
    [['my card just got charged $4.99 eleven times this morning, all lumen plus'], 'P1', 'charged_twice'],
    [['商城一下扣了我五笔钱 每笔129刀'], 'P1', 'charged_twice'],
    [['your store charged my debit card $1,349.00 for an order that should have been $134.90'], 'P1', 'overcharged'],
    [['got a zap off the P2 when I pressed the button'], 'P1', 'safety_hazard'],
    [['the carbon monoxide alarm in the hallway just went off and the furnace is still running'], 'P1', 'safety_hazard'],
    [['插座上插着暖风机 插座本身烫得吓人 塑料壳都变形了'], 'P1', 'safety_hazard'],
    [['there are clips in my camera history of a kitchen that isn\'t mine'], 'P1', 'security_breach'],
    [['我app里能看到别人家的摄像头画面'], 'P1', 'security_breach'],
    [['隐私模式被人关掉了 操作记录显示一个不认识的设备关的'], 'P1', 'security_breach'],
    [["thermostat screen is blank", "it's -15 outside, the heating is completely dead and my 86 year old dad lives here on his own"], 'P1', 'vulnerable_at_risk'],
    [['温控器关不掉 一直在制热 屋里三十二度了 我妈心脏不好'], 'P1', 'vulnerable_at_risk'],
    [['the yearly renewal went through at $129.90 instead of $12.99, ten times the price'], 'P1', 'overcharged'],
    [['heating is off and the thermostat has gone blank, -10 outside and my 90 year old grandma is home'], 'P1', 'vulnerable_at_risk'],
    [['the basement flooded and the P2 is sitting in the water with its light on'], 'P1', 'safety_hazard'],
    [['the floor socket is flooded and the plug is still in it'], 'P1', 'safety_hazard'],
    [['all my camera recordings have disappeared overnight'], 'P1', 'data_loss'],
    [['页面显示下单失败 可是银行卡已经扣钱了'], 'P1', 'payment_taken_but_failed'],
    [["actually it's everything, hub, cameras, plugs, all offline at the same time. is your system down?"], 'P1', 'outage'],
    [["my mum is 87 and the T3 at her place says E2205, the house is down to 12°C and it's -8 outside tonight"], 'P1', 'vulnerable_at_risk'],
    [["just looked at my bank app and I've been charged $249 twice for the same order"], 'P1', 'charged_twice'],
    [["the tank just cracked and water went all over the hub, it's still plugged in"], 'P1', 'safety_hazard'],
    [["now the plug itself is really hot and there's a burning plastic smell coming from it"], 'P1', 'safety_hazard'],
    [['我妈72了 一个人住 外面零下15度 暖气一直没开 屋里越来越冷'], 'P1', 'vulnerable_at_risk'],
    [['the socket behind the sofa is really hot to the touch and there is a plasticky smell'], 'P1', 'safety_hazard'],
    [['插头那里有股糊味 摸上去烫烫的'], 'P1', 'safety_hazard'],
    [['two payments of $59 on my card for the same order, I only ordered once'], 'P1', 'charged_twice'],
    [['all of my clips from this week are just gone??'], 'P1', 'data_loss'],
    [['这半年的录像全都没了'], 'P1', 'data_loss'],
    [['摄像头里传出一个女的声音在喊我名字'], 'P1', 'security_breach'],
    [['收到提醒说账号在一个没去过的城市登录了'], 'P1', 'security_breach'],
    [['不止我一个 邻居家的设备也全都离线了'], 'P1', 'outage'],
    [["my friend's account got hacked last month, can I turn on two-factor?"], 'P4', 'general_question'],
    [['the heating is not working, how do I check the wiring?'], 'P3', 'problem_reported'],
    [['网关升级到一半家里跳闸停电了，来电后app显示E1107'], 'P3', 'problem_reported'],
    [['does the T3 work with a carbon monoxide detector?'], 'P4', 'general_question'],
    [['is there an outage? the app will not load'], 'P1', 'outage'],
    [['There is a charge of $1,249.00 from Lumen on my card. The only thing I ordered was a single B10 bulb for $14.99.'], 'P1', 'overcharged'],
    [['heatwave here, 43°C today and the T3 won\'t switch the AC on. I\'ve got a 2 month old at home'], 'P1', 'vulnerable_at_risk'],
    [['温控器不制热了', '家里就我奶奶一个人住 九十多了 外面零下二十度'], 'P1', 'vulnerable_at_risk'],
    [["Dad's T3 says it's heating but the flat is at 11°C and dropping. It's -12°C out and he's 81."], 'P1', 'vulnerable_at_risk'],
    [['45 outside and the thermostat stopped running the AC. my grandma is staying with us'], 'P1', 'vulnerable_at_risk'],
    [['温控器今天早上开始就不制热了 外面零下二十多度 我爸妈都快八十了'], 'P1', 'vulnerable_at_risk'],
    [['外面38度 空调突然不制冷了 家里有刚出生的宝宝'], 'P1', 'vulnerable_at_risk'],
    [['a man\'s voice just came out of the camera in the nursery and nobody here was using the app'], 'P1', 'security_breach'],
    [['摄像头里突然传出陌生男人的声音 家里没人在用app'], 'P1', 'security_breach'],
    [['there are 9 separate charges of $4.99 on my card today. I have one Plus subscription.'], 'P1', 'charged_twice'],
    [['Plus会员费一下扣了我二十多次'], 'P1', 'charged_twice'],
    [['the Plus renewal took $2,999 from my account instead of $29.99'], 'P1', 'overcharged'],
    [['就买了个灯泡 订单写的14.99 信用卡扣了我1499'], 'P1', 'overcharged'],
    [['the washing machine leaked and the plug is sitting in a puddle, still on'], 'P1', 'safety_hazard'],
    [['我下了3笔订单 怎么查物流'], 'P4', 'general_question'],
    [['is the plug waterproof if rain gets on it?'], 'P4', 'general_question'],
    [['how do I remove a member I invited to my home?'], 'P4', 'general_question'],
    [['my camera shows E2003'], 'P3', 'problem_reported'],
    [['do you ship to Canada?'], 'P4', 'general_question'],
    // Asking whether it is bricked is not saying it is.
    [['Hub update failed with E1107 - can I still use it or is it bricked now?'], 'P3', 'problem_reported'],
    [['the hub is completely bricked after the update'], 'P2', 'device_not_working'],
  ])('%j → %s (%s)', (turns, priority, reason) => {
    const r = assessPriority({ ...base, turns });
    expect(r.priority).toBe(priority);
    expect(r.reasons).toContain(reason);
  });

  // A danger or a breach talked about, not happening: a news story, a what-if, a power cut long over.
  it.each([
    'is the C4 encrypted? I read that cameras can be hacked',
    '摄像头视频是加密的吗 最近老看到新闻说监控被黑 有点慌',
    'The P2 runs a small space heater. Can I make it stay off when the power comes back after an outage?',
    '插座上接的是电暖器 怕停电后来电它自己启动 没人在家万一着火 能不能设成来电后保持关闭',
    'can I pay for two orders with two separate payments?',
    'it is 38 outside today, can the T3 pre-cool the house before I get home?',
    'the camera voice prompts are in English, can I change them?',
    'if I delete my account, when are all my recordings deleted?',
    'the hub sits near the kitchen tap, does water splashing onto it matter?',
    '网关里面是锂电池吧 看新闻说锂电池会鼓包 万一鼓了咋办',
  ])('"%s" is not P1', (t) => {
    expect(assessPriority({ ...base, turns: [t] }).priority).not.toBe('P1');
  });

  // The classifier reads a question about hackers or outages as the thing itself; a what-if keeps its reading from making P1.
  it('a breach or outage intent is P1 unless the message asks what if', () => {
    expect(assessPriority({ ...base, turns: ['someone is watching us through our camera'], intents: ['security_breach'] }).priority).toBe('P1');
    expect(assessPriority({ ...base, turns: ['is your camera actually safe from hackers?'], intents: ['security_breach'] }).priority).not.toBe('P1');
    expect(assessPriority({ ...base, turns: ['do P2 schedules still run when our internet goes down?'], intents: ['outage'] }).priority).not.toBe('P1');
    expect(assessPriority({ ...base, turns: ['is there a way to require a code whenever someone logs in?'], intents: ['security_breach'] }).priority).not.toBe('P1');
    expect(assessPriority({ ...base, turns: ['网关鼓包了'] }).priority).toBe('P1');
    expect(assessPriority({ ...base, turns: ['我们小区下周要停电检修一上午'], intents: ['outage'] }).priority).not.toBe('P1');
  });

  it('a VIP is one level up, and high frustration is at least P2', () => {
    expect(assessPriority({ ...base, turns: ['do you ship to Canada?'], tier: 'vip' })).toEqual({ priority: 'P3', reasons: ['vip_customer'] });
    expect(assessPriority({ ...base, turns: ["I can't log in"], tier: 'vip' }).priority).toBe('P1');
    expect(assessPriority({ ...base, turns: ['hello'], frustration: 'high' }).priority).toBe('P2');
  });
});

describe('message language', () => {
  it.each([
    ['我的XR-200 offline了', 'zh'],
    ['XR-200 连不上', 'zh'],
    ['my XR-200 is offline', 'en'],
    ['wo de hub lian bu shang wang le', 'zh'],
    ['¿Dónde está mi pedido?', 'other'],
    ['Где мой заказ', 'other'],
  ])('%s → %s', (t, lang) => expect(messageLanguage(t)).toBe(lang));
});

describe('sarcasm', () => {
  it.each([
    'Spent my whole evening fighting with your thermostat instead of, you know, actually being warm. Fantastic product, truly.',
    'Oh great. The hub is offline again.',
    '太棒了，网关这周第四次掉线了，你们家东西可真“稳定”啊',
    '你们这个“智能”插座真是服了',
    'oh fantastic, another copy-paste answer that has nothing to do with what I asked. truly stellar support',
    '呵呵 真是谢谢你啊 每次回答都一模一样 跟复读机似的',
    'wow. great. the plug switched itself off again overnight. amazing product guys 👏',
    '升级完场景全没了 真是太贴心了呢👍',
    '真不错呢 定好的七点开灯 今天又没开 真·智能啊',
    'the schedule switched the heating on at 3am. again. cool cool cool',
    'the plug cut out again halfway through 🙄',
    'Third replacement plug and it does exactly the same thing as the first two. Truly impressive quality control 🙃',
  ])('"%s" is praise that means the opposite', (t) => {
    expect(isSarcastic(t)).toBe(true);
  });
  it.each([
    'Fantastic product, truly. The T3 saved us a lot on heating.',
    'Great, thanks! How do I add a second camera?',
    'great product but how do I reset it?',
    '太棒了，谢谢！问题解决了',
    '真不错呢 一次就配上了',
    'typed my password wrong too many times 🙄 how long do I have to wait?',
    'wow, great product guys 👏',
    '客服小姐姐真是太贴心了，谢谢你们啊',
    'the hub keeps dropping off, what should I do?',
  ])('"%s" is not', (t) => {
    expect(isSarcastic(t)).toBe(false);
  });
});

describe('acknowledgements', () => {
  it.each(['thanks the plug is working great now', 'camera setup done finally', 'ok the bulb is paired now 👍 thx', '摄像头装好了 画面很清楚 谢谢啊', '你们的灯泡挺好用的 已经买了第三个了', '搞定了 没问题了'])('"%s" says it works, asking nothing', (t) => {
    expect(isAcknowledgement(t)).toBe(true);
  });
  it.each(['the ring on top is solid red. internet on my laptop works fine tho', 'thanks but it is still not working', '谢谢 但是还是不行', 'thanks for nothing', 'is it working now?', 'thanks! one more thing: how long is the warranty', '懂了 谢谢 顺嘴问一下 戴森吸尘器吸力突然变小一般是啥原因', 'it works now but the app crashes', '插座好了吗'])('"%s" is not', (t) => {
    expect(isAcknowledgement(t)).toBe(false);
  });
});

describe('complaints about the bot and claimed repeats', () => {
  it('hears a copy-paste answer, a parrot, and "the third time I ask"', () => {
    expect(isBotComplaint('another copy-paste answer that has nothing to do with what I asked')).toBe(true);
    expect(isBotComplaint('每次回答都一模一样 跟复读机似的')).toBe(true);
    expect(isBotComplaint('how do I copy my scenes to the new hub?')).toBe(false);
    // Whether the bot is any use, not whether a subscription is; noticing the bot while declining a person.
    expect(isBotComplaint('你这回答到底有用吗')).toBe(true);
    expect(isBotComplaint('担心摄像头被偷 那录像不就没了吗 开Plus有用吗')).toBe(false);
    expect(isBotComplaint('你是机器人吧 没关系 不用转人工 你就告诉我推送间隔怎么调')).toBe(false);
    // What the bot offered is not helping, or it answered another question than the one asked.
    expect(isBotComplaint("still not getting anything. your suggestions aren't helping at all")).toBe(true);
    expect(isBotComplaint('你是不是只会复制粘贴啊 我问的是退款 你给我讲了一堆发货')).toBe(true);
    expect(isBotComplaint('the steps in the manual work fine, thanks')).toBe(false);
    expect(isBotComplaint('我问的是退款多久到账')).toBe(false);
    expect(isBotComplaint("yes I KNOW how refunds work. are you even reading what I write?")).toBe(true);
    expect(isBotComplaint("you've now sent me the same tracking link THREE times")).toBe(true);
    expect(isBotComplaint('我说第四遍了 能不能看清楚再回')).toBe(true);
    expect(isBotComplaint('你这回答跟我问的有半毛钱关系吗')).toBe(true);
    expect(isBotComplaint('跟你说不明白')).toBe(true);
    expect(isBotComplaint('you sent me the same order twice by mistake, can I return one?')).toBe(false);
    expect(claimsRepeat('ok third time explaining this: the camera is NOT offline')).toBe(true);
    expect(claimsRepeat('我说第四遍了')).toBe(true);
    expect(isSarcastic("lol ok. 'restart your router'. groundbreaking. would never have thought of that")).toBe(true);
    expect(isSarcastic('a smart thermostat that cannot keep my house at 20 degrees. truly living in the future 🙃')).toBe(true);
    expect(isExasperated("still locked out and I'm losing my mind")).toBe(true);
    expect(isExasperated('cleared them AGAIN. not fixed, not even close. come on')).toBe(true);
    expect(isExasperated("the light on the hub won't come on")).toBe(false);
    expect(isExasperated('服了 温控器买回来就没正常过一天 离谱')).toBe(true);
    expect(isExasperated('算了算了 不问了')).toBe(true);
    expect(isExasperated('都换了两颗新电池了 这不白折腾吗')).toBe(true);
    expect(isShouting('what exactly do you want me to do with it???')).toBe(true);
    expect(claimsNotFixed("that's the 4th link, still locked out")).toBe(true);
    expect(claimsNotFixed('还是红灯 啥用没有')).toBe(true);
    expect(isBotComplaint("that's the pricing page. Again. You sent me that exact link twenty minutes ago")).toBe(true);
    expect(isBotComplaint('Brilliant. I ask about member roles and get a paragraph about deleting my account.')).toBe(true);
    expect(isBotComplaint('又甩给我这个链接？？跟我问的根本不是一回事')).toBe(true);
    expect(isExasperated('Every. Single. Day. What exactly am I paying for?')).toBe(true);
    expect(isExasperated('无语子 我真是个大冤种 花钱买罪受')).toBe(true);
    expect(isExasperated('I use the camera every single day and love it')).toBe(false);
    expect(isChurnThreat("honestly I've given up on this camera, and I've stopped telling people to buy Lumen")).toBe(true);
    expect(isChurnThreat('全部打包退回去 顺便去小红书发个避雷帖')).toBe(true);
    expect(claimsNotFixed('it still goes offline every evening. nothing you say changes anything')).toBe(true);
    expect(claimsRepeat('第三次问了！！上个月退的货钱到现在都没见着')).toBe(true);
    expect(claimsRepeat('这是我第一次买你们的产品')).toBe(false);
    // A complaint put formally, or a customer who has given up, is as frustrated as a shouted one.
    expect(isChurnThreat('I wish to express my deep dissatisfaction with the service I have received. This is simply not acceptable.')).toBe(true);
    expect(isChurnThreat('I intend to leave an honest review on every site I can find')).toBe(true);
    expect(isChurnThreat("I give up. Not angry, just really disappointed in this hub.")).toBe(true);
    expect(isChurnThreat('a bit disappointed it has no battery, does the hub need one?')).toBe(false);
    expect(isChurnThreat('问题一直没解决 我会考虑向消费者协会反映')).toBe(true);
    expect(isChurnThreat('你们的售后实在令人失望')).toBe(true);
    expect(isExasperated("that's the third time I've been fobbed off. unbelievable.")).toBe(true);
    expect(isChurnThreat('I am writing to formally complain about how my return was handled.')).toBe(true);
    expect(isChurnThreat("honestly I don't know what else to say anymore, very very tired of this hub")).toBe(true);
    expect(isChurnThreat('再这样下去明年我就不续Plus了')).toBe(true);
    expect(isChurnThreat('正在考虑全部换成别家的')).toBe(true);
    expect(isChurnThreat('不续费的话以前的录像还能看吗')).toBe(false);
    expect(isExasperated('E1042 yet again, unbelievable, there goes my Sunday')).toBe(true);
    expect(isExasperated('this has been a complete waste of my weekend')).toBe(true);
    expect(isExasperated('买了半年了 已经不指望什么了 挺失望的')).toBe(true);
    expect(isExasperated('说明书跟天书一样')).toBe(true);
    expect(isExasperated('说实话有点失望 能调清晰一点吗')).toBe(false);
    expect(isSarcastic('呵呵 真厉害 配了一整晚都没成功')).toBe(true);
    expect(claimsNotFixed('reset it like you said and tried again, same error')).toBe(true);
    expect(claimsNotFixed('E4010 again after the reset')).toBe(true);
    expect(claimsNotFixed('do I need to try again tomorrow?')).toBe(false);
  });
});
