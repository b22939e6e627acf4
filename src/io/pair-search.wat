;; The search behind searchInPlace (src/io/in-place-search.ts), compiled into
;; src/io/pair-search-module.ts by `npm run build:wasm` (scripts/build-wasm.mjs).
;;
;; Why: Node's Buffer.indexOf finds a short needle by memchr on its first byte and a
;; compare at every hit. In compressed data every byte value comes once in 256 bytes, so a
;; 200 MB PDF's scan for "%%EOF" restarts memchr ~800,000 times (~15 ms). Here 64 bytes
;; are tested at a time for the needle's first two bytes side by side, which in such data
;; happens once in ~65,000 bytes, and only those places are compared in full (~5 ms).
(module
  (import "env" "memory" (memory 1))

  ;; The first j in [from, end - len] where the len bytes at j equal the len bytes at
  ;; $needle, or -1. len >= 2; every byte read lies in [from, end).
  (func (export "find") (param $from i32) (param $end i32) (param $needle i32) (param $len i32) (result i32)
    (local $i i32)
    (local $found i32)
    (local $first v128)
    (local $second v128)
    (local.set $first (i8x16.splat (i32.load8_u (local.get $needle))))
    (local.set $second (i8x16.splat (i32.load8_u offset=1 (local.get $needle))))
    (local.set $i (local.get $from))
    (block $blocks_done
      (loop $block
        ;; A block tests starts i .. i+63, which reads bytes i .. i+64.
        (br_if $blocks_done (i32.gt_u (i32.add (local.get $i) (i32.const 65)) (local.get $end)))
        (if (v128.any_true
              (v128.or
                (v128.or
                  (v128.and (i8x16.eq (v128.load offset=0 (local.get $i)) (local.get $first))
                            (i8x16.eq (v128.load offset=1 (local.get $i)) (local.get $second)))
                  (v128.and (i8x16.eq (v128.load offset=16 (local.get $i)) (local.get $first))
                            (i8x16.eq (v128.load offset=17 (local.get $i)) (local.get $second))))
                (v128.or
                  (v128.and (i8x16.eq (v128.load offset=32 (local.get $i)) (local.get $first))
                            (i8x16.eq (v128.load offset=33 (local.get $i)) (local.get $second)))
                  (v128.and (i8x16.eq (v128.load offset=48 (local.get $i)) (local.get $first))
                            (i8x16.eq (v128.load offset=49 (local.get $i)) (local.get $second))))))
          (then
            (local.set $found
              (call $compare (local.get $i) (i32.add (local.get $i) (i32.const 64)) (local.get $end) (local.get $needle) (local.get $len)))
            (if (i32.ge_s (local.get $found) (i32.const 0))
              (then (return (local.get $found))))))
        (local.set $i (i32.add (local.get $i) (i32.const 64)))
        (br $block)))
    ;; The last starts, fewer than a block's worth.
    (call $compare (local.get $i) (local.get $end) (local.get $end) (local.get $needle) (local.get $len)))

  ;; The first j in [from, stop) with j + len <= end where the needle matches in full, or -1.
  (func $compare (param $from i32) (param $stop i32) (param $end i32) (param $needle i32) (param $len i32) (result i32)
    (local $j i32)
    (local $k i32)
    (local.set $j (local.get $from))
    (block $none
      (loop $start
        (br_if $none (i32.ge_u (local.get $j) (local.get $stop)))
        (br_if $none (i32.gt_u (i32.add (local.get $j) (local.get $len)) (local.get $end)))
        (local.set $k (i32.const 0))
        (block $differs
          (loop $byte
            (br_if $differs
              (i32.ne (i32.load8_u (i32.add (local.get $j) (local.get $k)))
                      (i32.load8_u (i32.add (local.get $needle) (local.get $k)))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (if (i32.eq (local.get $k) (local.get $len))
              (then (return (local.get $j))))
            (br $byte)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $start)))
    (i32.const -1)))
