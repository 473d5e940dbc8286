import { describe, expect, it } from 'vitest';
import { unstatedFacts } from './asked-fact.js';

describe('unstatedFacts', () => {
  it('needs an amount for a question about a price, in English and Chinese', () => {
    expect(unstatedFacts("what's the price of the door sensor s1", 'The Door Sensor S1 runs on one CR2032 coin cell.')).toEqual(['price']);
    expect(unstatedFacts('how much is the power adapter for the T3?', 'The T3 needs a C wire or the Lumen Power Adapter.')).toEqual(['price']);
    expect(unstatedFacts("what's the price of the door sensor s1", 'The Door Sensor S1 costs $24.99.')).toEqual([]);
    expect(unstatedFacts('你们的插座多少钱一个', '智能插座 P2 支持 16A 负载。')).toEqual(['price']);
    expect(unstatedFacts('标准快递运费多少钱', '标准配送需要 3–5 个工作日，运费 $5.99。')).toEqual([]);
    expect(unstatedFacts('does the return cost anything?', 'Returns are free within 30 days.')).toEqual([]);
  });

  it('asks a Chinese question of an English passage and the other way round', () => {
    expect(unstatedFacts('B10灯泡是多少瓦的', 'The B10 is a dimmable Zigbee bulb with an E27 base.')).toEqual(['power_rating']);
    expect(unstatedFacts('B10灯泡是多少瓦的', 'The B10 draws 9 W at full brightness.')).toEqual([]);
    expect(unstatedFacts('T3 屏幕上的温度能改成华氏度显示吗', 'The T3 shows the room temperature and the set point.')).toEqual(['fahrenheit']);
    expect(unstatedFacts('can the T3 show Fahrenheit?', 'Settings > Units: Celsius or Fahrenheit.')).toEqual([]);
    expect(unstatedFacts('T3 想设成工作日一套温度、周末一套', 'Create one schedule for weekdays and another for the weekend.')).toEqual([]);
  });

  it('finds the day, frame rate, colour and size asked for', () => {
    expect(unstatedFacts('does express delivery come on saturdays?', 'Express delivery takes 1–2 business days.')).toEqual(['weekend']);
    expect(unstatedFacts('what frame rate does the C4 record at? 30fps?', 'The C4 records 1080p video to the SD card.')).toEqual(['frame_rate']);
    expect(unstatedFacts('C4 录像是多少帧的', 'C4 以 1080p、25 帧录像。')).toEqual([]);
    expect(unstatedFacts('can i get the t3 in black?', 'The T3 has a 3.5-inch touch screen.')).toEqual(['colour']);
    expect(unstatedFacts('what colour is the ring when the hub is pairing', 'The ring pulses blue while pairing.')).toEqual([]);
    expect(unstatedFacts('how heavy is the hub', 'The hub has a battery that lasts 4 hours.')).toEqual(['size']);
    expect(unstatedFacts('网关尺寸多大', '尺寸：110 × 110 × 30 毫米')).toEqual([]);
  });

  it('leaves every other question alone', () => {
    expect(unstatedFacts('how much energy does my heater use', 'The P2 shows live power.')).toEqual([]);
    expect(unstatedFacts('how do I reset the hub', 'Hold the button for 10 seconds.')).toEqual([]);
    expect(unstatedFacts('can i run my 2200 watt kettle off the p2 plug', 'Maximum load: 16 A.')).toEqual([]);
  });
});
