/**
 * SigningTime as e-invoice software writes it: ISO 8601 without a zone (Vietnam time, the
 * usual case), and what .NET's DateTime.ToString() writes under the machine's culture.
 */
import { describe, expect, it } from 'vitest';
import { readSigningTime } from '../../../src/formats/einvoice/index.js';

describe('readSigningTime', () => {
  it.each([
    ['2025-07-25T15:14:26', '2025-07-25T08:14:26.000Z'],
    ['2025-07-25T15:14:26Z', '2025-07-25T15:14:26.000Z'],
    ['2025-03-01T16:00:00.0000000+07:00', '2025-03-01T09:00:00.000Z'],
    ['2025-03-01 16:00:00', '2025-03-01T09:00:00.000Z'],
    // vi-VN: day first; SA (sáng) a.m., CH (chiều) p.m.; 24-hour without them.
    ['01/03/2025 4:00:00 CH', '2025-03-01T09:00:00.000Z'],
    ['01/03/2025 4:00:00 SA', '2025-02-28T21:00:00.000Z'],
    ['01/03/2025 12:30:00 SA', '2025-02-28T17:30:00.000Z'],
    ['01/03/2025 12:30:00 CH', '2025-03-01T05:30:00.000Z'],
    ['01/03/2025 16:00:00', '2025-03-01T09:00:00.000Z'],
    ['1/3/2025 0:05', '2025-02-28T17:05:00.000Z'],
    // en-US: month first, always AM/PM.
    ['3/1/2025 4:00:00 PM', '2025-03-01T09:00:00.000Z'],
  ])('%s is %s', (text, iso) => {
    expect(readSigningTime(text)?.toISOString()).toBe(iso);
  });

  it.each(['31/02/2025 10:00:00', '13/13/2025 10:00', '01/03/2025 13:00:00 CH', '01/03/2025 0:00:00 SA', '01/03/2025 24:00', '2025-02-30T10:00:00', 'hôm qua', '', '01-03-2025 10:00'])('%j is not a time', (text) => {
    expect(readSigningTime(text)).toBeUndefined();
  });
});
