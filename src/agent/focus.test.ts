import { describe, expect, it } from 'vitest';
import { questionPart } from './focus.js';

describe('questionPart', () => {
  it('finds the question inside a long story, without the greeting or the sign-off', () => {
    expect(
      questionPart(
        'Hi there, so I moved apartments last weekend and in all the chaos I completely forgot to update my address before I ordered the new thermostat. The order still says Received. Is there any way to get it sent to the new place instead of my old one? Thanks so much',
      ),
    ).toBe('Is there any way to get it sent to the new place instead of my old one?');
    expect(questionPart('上周搬家了，东西太多一直没顾上改地址，结果下单的时候还是填的旧地址。订单现在还显示已收到。能不能帮我改成新的地址呢？谢谢')).toBe('能不能帮我改成新的地址呢？');
  });

  it('leaves short messages, single sentences and all-question messages alone', () => {
    expect(questionPart('how do i reset my hub? it keeps going offline')).toBeNull();
    expect(questionPart('I have had the hub for a year and it has always worked fine until the update last night when it stopped responding to anything at all')).toBeNull();
    expect(questionPart('How long do refunds take once you have my return? And will the money go back to my card or to PayPal, which I used to pay for half of the order?')).toBeNull();
  });

  it('gives no focus when the question says little on its own', () => {
    expect(questionPart("Opened the parcel this morning and the hub's plastic casing is split right down one side, looks like the courier dropped it. What are my options here?")).toBeNull();
  });
});
