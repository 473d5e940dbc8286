/**
 * Generates the demo PDF manual for the Lumen Smart Plug P2:
 *   fixtures/kb/manuals/smart-plug-p2-manual.pdf
 *
 * Run from the repository root:  npx tsx scripts/make-fixture-pdf.ts
 *
 * The output is deterministic: fixed metadata dates, built-in Helvetica fonts
 * (nothing embedded) and no compression, so re-running the script produces a
 * byte-identical file.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';

const OUT = fileURLToPath(new URL('../fixtures/kb/manuals/smart-plug-p2-manual.pdf', import.meta.url));
const FIXED_DATE = new Date('2026-01-01T00:00:00Z');

type Block =
  | { kind: 'title'; text: string }
  | { kind: 'h1'; text: string }
  | { kind: 'h2'; text: string }
  | { kind: 'p'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; rows: string[] };

const content: Block[] = [
  { kind: 'title', text: 'Lumen Smart Plug P2 Manual' },
  {
    kind: 'p',
    text: 'Document manual-p2. Please read this manual before using the plug and keep it for future reference.',
  },

  { kind: 'h1', text: '1 Overview' },
  {
    kind: 'p',
    text:
      'The Lumen Smart Plug P2 lets you switch lamps, fans, coffee machines and other household appliances on and off from the Lumen Home app, by voice or on a schedule. It measures the energy used by the connected appliance in real time and protects it with built-in overload protection.',
  },
  {
    kind: 'p',
    text:
      'The P2 connects directly to your 2.4 GHz Wi-Fi network. If you own a Lumen Hub XR-200, the plug joins the same home and can be used in automations together with your sensors, bulbs and thermostat. When it is powered, the P2 also acts as a Zigbee repeater and extends the hub range for battery devices such as the Door Sensor S1.',
  },
  {
    kind: 'p',
    text:
      'On the front of the plug there is a power button with an LED ring. Press the button once to switch the appliance on or off. The LED ring is white while the plug is on, off while the plug is off, blinks blue in pairing mode and blinks red when an error is active.',
  },

  { kind: 'h1', text: '2 Setup' },
  {
    kind: 'p',
    text:
      'Plug the P2 into a grounded wall socket. Do not plug it into an extension lead or another adapter. The plug is for indoor use only and must be kept away from water, sinks and bathtubs.',
  },
  {
    kind: 'list',
    items: [
      'Install the Lumen Home app and sign in to your Lumen account.',
      'Make sure your phone is connected to a 2.4 GHz Wi-Fi network. The P2 does not support 5 GHz.',
      'Insert the plug into the socket. After about 5 seconds the LED ring blinks blue.',
      'Follow the steps in section 2.1 to add the plug to your home.',
    ],
  },
  { kind: 'h2', text: '2.1 Pairing with the hub' },
  {
    kind: 'p',
    text:
      'In the app, tap + > Add device > Smart Plug P2, or tap Scan nearby and select the plug when it appears. Scan the QR code printed on the side of the plug when prompted, choose your Wi-Fi network and enter its password. Keep the phone and the plug within 3 metres of each other and of the hub during pairing.',
  },
  {
    kind: 'p',
    text:
      'Pairing must finish within 2 minutes. If it takes longer, the app shows error E1042. In that case hold the power button for 5 seconds until the LED ring blinks blue again and retry. When pairing succeeds, the LED ring turns solid white for 3 seconds and the plug appears in the room you selected.',
  },
  {
    kind: 'p',
    text:
      'Power-on behaviour: under Device settings > Power-on state you can choose what the plug does after a power cut. The options are Restore last state (default), Always off and Always on. Choose Always off for appliances such as heaters or irons that should never restart unattended.',
  },
  {
    kind: 'p',
    text:
      'Factory reset: hold the power button for 10 seconds until the LED ring blinks amber, then release it. The plug forgets its Wi-Fi settings, schedules and energy history and must be added again in the app.',
  },

  { kind: 'h1', text: '3 Energy monitoring' },
  {
    kind: 'p',
    text:
      'Open the plug in the app and tap Energy. The screen shows the current power draw in watts, the voltage and current, and the consumption per day, week, month and year in kWh. Live values refresh every 2 seconds while the screen is open. The measurement accuracy is plus or minus 1 percent for loads above 5 W.',
  },
  {
    kind: 'p',
    text:
      'The plug keeps up to 12 months of hourly energy history in the Lumen cloud. You can export the history as a CSV file under Energy > Export. Enter your electricity price under Energy > Settings to see an estimated cost; if your tariff has peak and off-peak prices, you can enter up to 3 time bands.',
  },
  {
    kind: 'p',
    text:
      'Standby alerts: the app can notify you when an appliance keeps drawing power in standby, for example a television that is never fully switched off. Turn this on under Energy > Alerts and set a threshold between 1 W and 50 W. The P2 itself uses less than 0.5 W when switched off.',
  },

  { kind: 'h1', text: '4 Schedules and timers' },
  {
    kind: 'p',
    text:
      'Each P2 can store up to 20 schedules. A schedule switches the plug on or off at a set time on chosen days of the week, or at sunrise and sunset for your home location. Schedules are stored on the plug, so they run even when your internet connection is down.',
  },
  {
    kind: 'list',
    items: [
      'Countdown timer: switch the plug off or on after a delay between 1 minute and 24 hours. Tap Timer on the plug screen.',
      'Away mode: while you are travelling, the plug switches a lamp on and off at random times between sunset and 23:00 to make the home look occupied.',
      'Auto-off: switch the plug off automatically a set time after it was switched on, for example 30 minutes for a fan.',
    ],
  },

  { kind: 'h1', text: '5 Troubleshooting' },
  {
    kind: 'p',
    text:
      'When the plug detects a problem, the LED ring blinks red and the app shows an error code. The table below lists the codes that apply to the Smart Plug P2.',
  },
  {
    kind: 'table',
    rows: [
      'Code | Meaning | What to do',
      'E4001 | Overload protection tripped (load above 15 A / 1800 W) | Unplug the appliance and switch the plug on again',
      'E4002 | Plug overheating | Unplug for 15 minutes; keep the plug out of direct sun and away from heaters',
      'E4010 | Relay stuck | Press the button to retry; if the relay stays stuck, request a warranty replacement',
      'E1042 | Pairing timed out | Hold the button 5 seconds to restart pairing and keep within 3 m of the hub',
      'E1107 | Firmware update failed | Keep the plug online and retry in Settings > Firmware > Check for updates',
    ],
  },
  {
    kind: 'p',
    text:
      'E4001: the P2 cuts power immediately when the load exceeds its maximum of 15 A or 1800 W. Do not connect appliances such as space heaters, air conditioners or kettles that draw more than this. After removing the cause, press the power button or switch the plug on in the app; the error clears automatically.',
  },
  {
    kind: 'p',
    text:
      'E4010: the internal relay did not change position when commanded, so the appliance may stay on or off regardless of what the app shows. For safety, unplug the P2 from the wall and plug it back in. If E4010 appears again, stop using the plug and make a warranty claim in the app under Account > Support > Warranty claim.',
  },
  {
    kind: 'p',
    text:
      'The plug is offline: check that your router is working and that the 2.4 GHz network is enabled. Move the plug closer to the router or remove obstacles such as metal furniture.',
  },

  { kind: 'h1', text: '6 Specifications' },
  {
    kind: 'table',
    rows: [
      'Item | Value',
      'Model | P2',
      'Input | 120 V AC, 60 Hz',
      'Maximum load | 15 A / 1800 W (resistive)',
      'Standby power | less than 0.5 W',
      'Wi-Fi | 802.11 b/g/n, 2.4 GHz only',
      'Other radios | Bluetooth LE (setup), Zigbee 3.0 repeater',
      'Energy accuracy | plus or minus 1 percent above 5 W',
      'Schedules | up to 20 per plug',
      'Operating temperature | 0 to 35 degrees C, indoor use only',
      'Dimensions | 52 x 52 x 38 mm',
      'Warranty | 2-year limited warranty',
    ],
  },
  {
    kind: 'p',
    text:
      'Safety: do not use the plug with medical equipment or with appliances that could cause fire or injury if switched on unattended. Do not daisy-chain plugs. The Smart Plug P2 is covered by a 2-year limited warranty from the date of delivery.',
  },
];

function render(doc: PDFKit.PDFDocument, blocks: Block[]): void {
  for (const b of blocks) {
    switch (b.kind) {
      case 'title':
        doc.font('Helvetica-Bold').fontSize(20).text(b.text).moveDown(0.5);
        break;
      case 'h1':
        doc.moveDown(0.6).font('Helvetica-Bold').fontSize(15).text(b.text).moveDown(0.3);
        break;
      case 'h2':
        doc.moveDown(0.4).font('Helvetica-Bold').fontSize(12.5).text(b.text).moveDown(0.2);
        break;
      case 'p':
        doc.font('Helvetica').fontSize(10.5).text(b.text, { align: 'left' }).moveDown(0.5);
        break;
      case 'list':
        b.items.forEach((item, i) => {
          doc.font('Helvetica').fontSize(10.5).text(`${i + 1}. ${item}`, { indent: 12 });
        });
        doc.moveDown(0.5);
        break;
      case 'table':
        b.rows.forEach((row, i) => {
          doc.font(i === 0 ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5).text(row, { lineBreak: true });
        });
        doc.moveDown(0.6);
        break;
    }
  }
}

function main(): void {
  mkdirSync(dirname(OUT), { recursive: true });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 60,
    compress: false,
    info: {
      Title: 'Lumen Smart Plug P2 Manual',
      Subject: 'manual-p2',
      Author: 'Lumen',
      Creator: 'Deskmate fixture generator',
      Producer: 'pdfkit',
      CreationDate: FIXED_DATE,
      ModDate: FIXED_DATE,
    },
  });
  const out = createWriteStream(OUT);
  doc.pipe(out);
  render(doc, content);
  doc.end();
  out.on('finish', () => console.log(`wrote ${OUT}`));
}

main();
