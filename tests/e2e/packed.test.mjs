// The packed form of model blocks that the content script sends to the
// background (extension/src/packed.js): what goes in comes out.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PackedWriter, packBlocks, runCode, runKindCode, unpackBlocks } from '../../extension/src/packed.js';

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

test('a range of written blocks packs as those blocks alone, with their characters counted', () => {
  const writer = new PackedWriter();
  const blocks = [
    { kind: 'paragraph', runs: [{ kind: 'text', text: 'One, ' }, { kind: 'link', text: 'two', href: 'https://a.example/' }] },
    { kind: 'other', runs: [{ kind: 'text', text: 'x = 1', verbatim: true }], verbatim: true },
    { kind: 'heading', runs: [{ kind: 'link', text: 'Three', href: '/b' }, { kind: 'emphasis', text: ' four' }] },
  ];
  for (const b of blocks) {
    const at = writer.block(b.kind, b.runs.length);
    if (b.verbatim) writer.setVerbatim(at);
    for (const r of b.runs) writer.run(r.text, runCode(runKindCode(r.kind), r.verbatim), r.href);
  }
  assert.equal(writer.length, 3);
  assert.deepEqual(unpackBlocks(writer.pack()), blocks);
  assert.deepEqual(unpackBlocks(writer.pack(1, 3)), blocks.slice(1));
  assert.deepEqual(unpackBlocks(writer.pack(2, 3)), blocks.slice(2));
  assert.deepEqual(unpackBlocks(writer.pack(0, 1)), blocks.slice(0, 1));
  assert.deepEqual(unpackBlocks(writer.pack(1, 1)), []);
  assert.equal(writer.charsIn(0, 3), 'One, two'.length + 'x = 1'.length + 'Three four'.length);
  assert.equal(writer.charsIn(1, 2), 'x = 1'.length);
});
