// The packed form of model blocks that the content script sends to the
// background (extension/src/messages.js): what goes in comes out.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { packBlocks, unpackBlocks } from '../../extension/src/messages.js';

test('packed blocks come back as they went in', () => {
  const blocks = [
    { kind: 'paragraph', runs: [{ kind: 'text', text: 'Prices rose, ' }, { kind: 'link', text: 'Cheap Flights Deals', href: 'https://spam.example/?a=1,2' }, { kind: 'text', text: ' because.' }] },
    { kind: 'heading', runs: [{ kind: 'emphasis', text: 'Ünïcödé 😀 “quoted”, with commas,,' }] },
    { kind: 'list-item', runs: [{ kind: 'text', text: '' }, { kind: 'link', text: 'no href', href: '' }] },
    { kind: 'paragraph', runs: [{ kind: 'text', text: 'Use ' }, { kind: 'text', text: 'max_len', verbatim: true }, { kind: 'text', text: ' here' }] },
    { kind: 'other', runs: [{ kind: 'text', text: 'code_here', verbatim: true }], verbatim: true },
    { kind: 'caption', runs: [] },
    { kind: 'quote', runs: [{ kind: 'text', text: '\n  ' }] },
    { kind: 'cell', runs: [{ kind: 'text', text: 'a' }] },
    { kind: 'line', runs: [{ kind: 'text', text: 'b' }] },
  ];
  const packed = packBlocks(blocks);
  assert.equal(typeof packed.text, 'string');
  assert.equal(typeof packed.shape, 'string');
  assert.deepEqual(unpackBlocks(JSON.parse(JSON.stringify(packed))), blocks);
  assert.deepEqual(unpackBlocks(packBlocks([])), []);
});

test('a kind outside the model is refused, not sent wrong', () => {
  assert.throws(() => packBlocks([{ kind: 'aside', runs: [] }]), /unknown kind aside/);
  assert.throws(() => packBlocks([{ kind: 'paragraph', runs: [{ kind: 'bold', text: 'x' }] }]), /unknown kind bold/);
});
