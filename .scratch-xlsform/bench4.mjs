// node_modules/fflate/esm/index.mjs
import { createRequire } from "module";
var require2 = createRequire("/");
var _a;
var Worker;
var isMarkedAsUntransferable;
try {
  _a = require2("worker_threads"), Worker = _a.Worker, isMarkedAsUntransferable = _a.isMarkedAsUntransferable;
} catch (e) {
}
var u8 = Uint8Array;
var u16 = Uint16Array;
var i32 = Int32Array;
var fleb = new u8([
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  1,
  1,
  1,
  1,
  2,
  2,
  2,
  2,
  3,
  3,
  3,
  3,
  4,
  4,
  4,
  4,
  5,
  5,
  5,
  5,
  0,
  /* unused */
  0,
  0,
  /* impossible */
  0
]);
var fdeb = new u8([
  0,
  0,
  0,
  0,
  1,
  1,
  2,
  2,
  3,
  3,
  4,
  4,
  5,
  5,
  6,
  6,
  7,
  7,
  8,
  8,
  9,
  9,
  10,
  10,
  11,
  11,
  12,
  12,
  13,
  13,
  /* unused */
  0,
  0
]);
var clim = new u8([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]);
var freb = function(eb, start) {
  var b = new u16(31);
  for (var i2 = 0; i2 < 31; ++i2) {
    b[i2] = start += 1 << eb[i2 - 1];
  }
  var r = new i32(b[30]);
  for (var i2 = 1; i2 < 30; ++i2) {
    for (var j = b[i2]; j < b[i2 + 1]; ++j) {
      r[j] = j - b[i2] << 5 | i2;
    }
  }
  return { b, r };
};
var _a = freb(fleb, 2);
var fl = _a.b;
var revfl = _a.r;
fl[28] = 258, revfl[258] = 28;
var _b = freb(fdeb, 0);
var fd = _b.b;
var revfd = _b.r;
var rev = new u16(32768);
for (i = 0; i < 32768; ++i) {
  x = (i & 43690) >> 1 | (i & 21845) << 1;
  x = (x & 52428) >> 2 | (x & 13107) << 2;
  x = (x & 61680) >> 4 | (x & 3855) << 4;
  rev[i] = ((x & 65280) >> 8 | (x & 255) << 8) >> 1;
}
var x;
var i;
var hMap = (function(cd, mb, r) {
  var s = cd.length;
  var i2 = 0;
  var l = new u16(mb);
  for (; i2 < s; ++i2) {
    if (cd[i2])
      ++l[cd[i2] - 1];
  }
  var le = new u16(mb);
  for (i2 = 1; i2 < mb; ++i2) {
    le[i2] = le[i2 - 1] + l[i2 - 1] << 1;
  }
  var co;
  if (r) {
    co = new u16(1 << mb);
    var rvb = 15 - mb;
    for (i2 = 0; i2 < s; ++i2) {
      if (cd[i2]) {
        var sv = i2 << 4 | cd[i2];
        var r_1 = mb - cd[i2];
        var v = le[cd[i2] - 1]++ << r_1;
        for (var m = v | (1 << r_1) - 1; v <= m; ++v) {
          co[rev[v] >> rvb] = sv;
        }
      }
    }
  } else {
    co = new u16(s);
    for (i2 = 0; i2 < s; ++i2) {
      if (cd[i2]) {
        co[i2] = rev[le[cd[i2] - 1]++] >> 15 - cd[i2];
      }
    }
  }
  return co;
});
var flt = new u8(288);
for (i = 0; i < 144; ++i)
  flt[i] = 8;
var i;
for (i = 144; i < 256; ++i)
  flt[i] = 9;
var i;
for (i = 256; i < 280; ++i)
  flt[i] = 7;
var i;
for (i = 280; i < 288; ++i)
  flt[i] = 8;
var i;
var fdt = new u8(32);
for (i = 0; i < 32; ++i)
  fdt[i] = 5;
var i;
var flm = /* @__PURE__ */ hMap(flt, 9, 0);
var flrm = /* @__PURE__ */ hMap(flt, 9, 1);
var fdm = /* @__PURE__ */ hMap(fdt, 5, 0);
var fdrm = /* @__PURE__ */ hMap(fdt, 5, 1);
var max = function(a) {
  var m = a[0];
  for (var i2 = 1; i2 < a.length; ++i2) {
    if (a[i2] > m)
      m = a[i2];
  }
  return m;
};
var bits = function(d, p, m) {
  var o = p / 8 | 0;
  return (d[o] | d[o + 1] << 8) >> (p & 7) & m;
};
var bits16 = function(d, p) {
  var o = p / 8 | 0;
  return (d[o] | d[o + 1] << 8 | d[o + 2] << 16) >> (p & 7);
};
var shft = function(p) {
  return (p + 7) / 8 | 0;
};
var slc = function(v, s, e) {
  if (s == null || s < 0)
    s = 0;
  if (e == null || e > v.length)
    e = v.length;
  return new u8(v.subarray(s, e));
};
var ec = [
  "unexpected EOF",
  "invalid block type",
  "invalid length/literal",
  "invalid distance",
  "stream finished",
  "no stream handler",
  ,
  // determined by compression function
  "no callback",
  "invalid UTF-8 data",
  "extra field too long",
  "date not in range 1980-2099",
  "filename too long",
  "stream finishing",
  "invalid zip data"
  // determined by unknown compression method
];
var err = function(ind, msg, nt) {
  var e = new Error(msg || ec[ind]);
  e.code = ind;
  if (Error.captureStackTrace)
    Error.captureStackTrace(e, err);
  if (!nt)
    throw e;
  return e;
};
var inflt = function(dat, st, buf, dict) {
  var sl = dat.length, dl = dict ? dict.length : 0;
  if (!sl || st.f && !st.l)
    return buf || new u8(0);
  var noBuf = !buf;
  var resize = noBuf || st.i != 2;
  var noSt = st.i;
  if (noBuf)
    buf = new u8(sl * 3);
  var cbuf = function(l2) {
    var bl = buf.length;
    if (l2 > bl) {
      var nbuf = new u8(Math.max(bl * 2, l2));
      nbuf.set(buf);
      buf = nbuf;
    }
  };
  var final = st.f || 0, pos = st.p || 0, bt = st.b || 0, lm = st.l, dm = st.d, lbt = st.m, dbt = st.n;
  var tbts = sl * 8;
  do {
    if (!lm) {
      final = bits(dat, pos, 1);
      var type = bits(dat, pos + 1, 3);
      pos += 3;
      if (!type) {
        var s = shft(pos) + 4, l = dat[s - 4] | dat[s - 3] << 8, t = s + l;
        if (t > sl) {
          if (noSt)
            err(0);
          break;
        }
        if (resize)
          cbuf(bt + l);
        buf.set(dat.subarray(s, t), bt);
        st.b = bt += l, st.p = pos = t * 8, st.f = final;
        continue;
      } else if (type == 1)
        lm = flrm, dm = fdrm, lbt = 9, dbt = 5;
      else if (type == 2) {
        var hLit = bits(dat, pos, 31) + 257, hcLen = bits(dat, pos + 10, 15) + 4;
        var tl = hLit + bits(dat, pos + 5, 31) + 1;
        pos += 14;
        var ldt = new u8(tl);
        var clt = new u8(19);
        for (var i2 = 0; i2 < hcLen; ++i2) {
          clt[clim[i2]] = bits(dat, pos + i2 * 3, 7);
        }
        pos += hcLen * 3;
        var clb = max(clt), clbmsk = (1 << clb) - 1;
        var clm = hMap(clt, clb, 1);
        for (var i2 = 0; i2 < tl; ) {
          var r = clm[bits(dat, pos, clbmsk)];
          pos += r & 15;
          var s = r >> 4;
          if (s < 16) {
            ldt[i2++] = s;
          } else {
            var c = 0, n = 0;
            if (s == 16)
              n = 3 + bits(dat, pos, 3), pos += 2, c = ldt[i2 - 1];
            else if (s == 17)
              n = 3 + bits(dat, pos, 7), pos += 3;
            else if (s == 18)
              n = 11 + bits(dat, pos, 127), pos += 7;
            while (n--)
              ldt[i2++] = c;
          }
        }
        var lt = ldt.subarray(0, hLit), dt = ldt.subarray(hLit);
        lbt = max(lt);
        dbt = max(dt);
        lm = hMap(lt, lbt, 1);
        dm = hMap(dt, dbt, 1);
      } else
        err(1);
      if (pos > tbts) {
        if (noSt)
          err(0);
        break;
      }
    }
    if (resize)
      cbuf(bt + 131072);
    var lms = (1 << lbt) - 1, dms = (1 << dbt) - 1;
    var lpos = pos;
    for (; ; lpos = pos) {
      var c = lm[bits16(dat, pos) & lms], sym = c >> 4;
      pos += c & 15;
      if (pos > tbts) {
        if (noSt)
          err(0);
        break;
      }
      if (!c)
        err(2);
      if (sym < 256)
        buf[bt++] = sym;
      else if (sym == 256) {
        lpos = pos, lm = null;
        break;
      } else {
        var add = sym - 254;
        if (sym > 264) {
          var i2 = sym - 257, b = fleb[i2];
          add = bits(dat, pos, (1 << b) - 1) + fl[i2];
          pos += b;
        }
        var d = dm[bits16(dat, pos) & dms], dsym = d >> 4;
        if (!d)
          err(3);
        pos += d & 15;
        var dt = fd[dsym];
        if (dsym > 3) {
          var b = fdeb[dsym];
          dt += bits16(dat, pos) & (1 << b) - 1, pos += b;
        }
        if (pos > tbts) {
          if (noSt)
            err(0);
          break;
        }
        if (resize)
          cbuf(bt + 131072);
        var end = bt + add;
        if (bt < dt) {
          var shift = dl - dt, dend = Math.min(dt, end);
          if (shift + bt < 0)
            err(3);
          for (; bt < dend; ++bt)
            buf[bt] = dict[shift + bt];
        }
        for (; bt < end; ++bt)
          buf[bt] = buf[bt - dt];
      }
    }
    st.l = lm, st.p = lpos, st.b = bt, st.f = final;
    if (lm)
      final = 1, st.m = lbt, st.d = dm, st.n = dbt;
  } while (!final);
  return bt != buf.length && noBuf ? slc(buf, 0, bt) : buf.subarray(0, bt);
};
var wbits = function(d, p, v) {
  v <<= p & 7;
  var o = p / 8 | 0;
  d[o] |= v;
  d[o + 1] |= v >> 8;
};
var wbits16 = function(d, p, v) {
  v <<= p & 7;
  var o = p / 8 | 0;
  d[o] |= v;
  d[o + 1] |= v >> 8;
  d[o + 2] |= v >> 16;
};
var hTree = function(d, mb) {
  var t = [];
  for (var i2 = 0; i2 < d.length; ++i2) {
    if (d[i2])
      t.push({ s: i2, f: d[i2] });
  }
  var s = t.length;
  var t2 = t.slice();
  if (!s)
    return { t: et, l: 0 };
  if (s == 1) {
    var v = new u8(t[0].s + 1);
    v[t[0].s] = 1;
    return { t: v, l: 1 };
  }
  t.sort(function(a, b) {
    return a.f - b.f;
  });
  t.push({ s: -1, f: 25001 });
  var l = t[0], r = t[1], i0 = 0, i1 = 1, i22 = 2;
  t[0] = { s: -1, f: l.f + r.f, l, r };
  while (i1 != s - 1) {
    l = t[t[i0].f < t[i22].f ? i0++ : i22++];
    r = t[i0 != i1 && t[i0].f < t[i22].f ? i0++ : i22++];
    t[i1++] = { s: -1, f: l.f + r.f, l, r };
  }
  var maxSym = t2[0].s;
  for (var i2 = 1; i2 < s; ++i2) {
    if (t2[i2].s > maxSym)
      maxSym = t2[i2].s;
  }
  var tr = new u16(maxSym + 1);
  var mbt = ln(t[i1 - 1], tr, 0);
  if (mbt > mb) {
    var i2 = 0, dt = 0;
    var lft = mbt - mb, cst = 1 << lft;
    t2.sort(function(a, b) {
      return tr[b.s] - tr[a.s] || a.f - b.f;
    });
    for (; i2 < s; ++i2) {
      var i2_1 = t2[i2].s;
      if (tr[i2_1] > mb) {
        dt += cst - (1 << mbt - tr[i2_1]);
        tr[i2_1] = mb;
      } else
        break;
    }
    dt >>= lft;
    while (dt > 0) {
      var i2_2 = t2[i2].s;
      if (tr[i2_2] < mb)
        dt -= 1 << mb - tr[i2_2]++ - 1;
      else
        ++i2;
    }
    for (; i2 >= 0 && dt; --i2) {
      var i2_3 = t2[i2].s;
      if (tr[i2_3] == mb) {
        --tr[i2_3];
        ++dt;
      }
    }
    mbt = mb;
  }
  return { t: new u8(tr), l: mbt };
};
var ln = function(n, l, d) {
  return n.s == -1 ? Math.max(ln(n.l, l, d + 1), ln(n.r, l, d + 1)) : l[n.s] = d;
};
var lc = function(c) {
  var s = c.length;
  while (s && !c[--s])
    ;
  var cl = new u16(++s);
  var cli = 0, cln = c[0], cls = 1;
  var w = function(v) {
    cl[cli++] = v;
  };
  for (var i2 = 1; i2 <= s; ++i2) {
    if (c[i2] == cln && i2 != s)
      ++cls;
    else {
      if (!cln && cls > 2) {
        for (; cls > 138; cls -= 138)
          w(32754);
        if (cls > 2) {
          w(cls > 10 ? cls - 11 << 5 | 28690 : cls - 3 << 5 | 12305);
          cls = 0;
        }
      } else if (cls > 3) {
        w(cln), --cls;
        for (; cls > 6; cls -= 6)
          w(8304);
        if (cls > 2)
          w(cls - 3 << 5 | 8208), cls = 0;
      }
      while (cls--)
        w(cln);
      cls = 1;
      cln = c[i2];
    }
  }
  return { c: cl.subarray(0, cli), n: s };
};
var clen = function(cf, cl) {
  var l = 0;
  for (var i2 = 0; i2 < cl.length; ++i2)
    l += cf[i2] * cl[i2];
  return l;
};
var wfblk = function(out, pos, dat) {
  var s = dat.length;
  var o = shft(pos + 2);
  out[o] = s & 255;
  out[o + 1] = s >> 8;
  out[o + 2] = out[o] ^ 255;
  out[o + 3] = out[o + 1] ^ 255;
  for (var i2 = 0; i2 < s; ++i2)
    out[o + i2 + 4] = dat[i2];
  return (o + 4 + s) * 8;
};
var wblk = function(dat, out, final, syms, lf, df, eb, li, bs, bl, p) {
  wbits(out, p++, final);
  ++lf[256];
  var _a2 = hTree(lf, 15), dlt = _a2.t, mlb = _a2.l;
  var _b2 = hTree(df, 15), ddt = _b2.t, mdb = _b2.l;
  var _c = lc(dlt), lclt = _c.c, nlc = _c.n;
  var _d = lc(ddt), lcdt = _d.c, ndc = _d.n;
  var lcfreq = new u16(19);
  for (var i2 = 0; i2 < lclt.length; ++i2)
    ++lcfreq[lclt[i2] & 31];
  for (var i2 = 0; i2 < lcdt.length; ++i2)
    ++lcfreq[lcdt[i2] & 31];
  var _e = hTree(lcfreq, 7), lct = _e.t, mlcb = _e.l;
  var nlcc = 19;
  for (; nlcc > 4 && !lct[clim[nlcc - 1]]; --nlcc)
    ;
  var flen = bl + 5 << 3;
  var ftlen = clen(lf, flt) + clen(df, fdt) + eb;
  var dtlen = clen(lf, dlt) + clen(df, ddt) + eb + 14 + 3 * nlcc + clen(lcfreq, lct) + 2 * lcfreq[16] + 3 * lcfreq[17] + 7 * lcfreq[18];
  if (bs >= 0 && flen <= ftlen && flen <= dtlen)
    return wfblk(out, p, dat.subarray(bs, bs + bl));
  var lm, ll, dm, dl;
  wbits(out, p, 1 + (dtlen < ftlen)), p += 2;
  if (dtlen < ftlen) {
    lm = hMap(dlt, mlb, 0), ll = dlt, dm = hMap(ddt, mdb, 0), dl = ddt;
    var llm = hMap(lct, mlcb, 0);
    wbits(out, p, nlc - 257);
    wbits(out, p + 5, ndc - 1);
    wbits(out, p + 10, nlcc - 4);
    p += 14;
    for (var i2 = 0; i2 < nlcc; ++i2)
      wbits(out, p + 3 * i2, lct[clim[i2]]);
    p += 3 * nlcc;
    var lcts = [lclt, lcdt];
    for (var it = 0; it < 2; ++it) {
      var clct = lcts[it];
      for (var i2 = 0; i2 < clct.length; ++i2) {
        var len = clct[i2] & 31;
        wbits(out, p, llm[len]), p += lct[len];
        if (len > 15)
          wbits(out, p, clct[i2] >> 5 & 127), p += clct[i2] >> 12;
      }
    }
  } else {
    lm = flm, ll = flt, dm = fdm, dl = fdt;
  }
  for (var i2 = 0; i2 < li; ++i2) {
    var sym = syms[i2];
    if (sym > 255) {
      var len = sym >> 18 & 31;
      wbits16(out, p, lm[len + 257]), p += ll[len + 257];
      if (len > 7)
        wbits(out, p, sym >> 23 & 31), p += fleb[len];
      var dst = sym & 31;
      wbits16(out, p, dm[dst]), p += dl[dst];
      if (dst > 3)
        wbits16(out, p, sym >> 5 & 8191), p += fdeb[dst];
    } else {
      wbits16(out, p, lm[sym]), p += ll[sym];
    }
  }
  wbits16(out, p, lm[256]);
  return p + ll[256];
};
var deo = /* @__PURE__ */ new i32([65540, 131080, 131088, 131104, 262176, 1048704, 1048832, 2114560, 2117632]);
var et = /* @__PURE__ */ new u8(0);
var dflt = function(dat, lvl, plvl, pre, post, st) {
  var s = st.z || dat.length;
  var o = new u8(pre + s + 5 * (1 + Math.ceil(s / 7e3)) + post);
  var w = o.subarray(pre, o.length - post);
  var lst = st.l;
  var pos = (st.r || 0) & 7;
  if (lvl) {
    if (pos)
      w[0] = st.r >> 3;
    var opt = deo[lvl - 1];
    var n = opt >> 13, c = opt & 8191;
    var msk_1 = (1 << plvl) - 1;
    var prev = st.p || new u16(32768), head = st.h || new u16(msk_1 + 1);
    var bs1_1 = Math.ceil(plvl / 3), bs2_1 = 2 * bs1_1;
    var hsh = function(i3) {
      return (dat[i3] ^ dat[i3 + 1] << bs1_1 ^ dat[i3 + 2] << bs2_1) & msk_1;
    };
    var syms = new i32(25e3);
    var lf = new u16(288), df = new u16(32);
    var lc_1 = 0, eb = 0, i2 = st.i || 0, li = 0, wi = st.w || 0, bs = 0;
    for (; i2 + 2 < s; ++i2) {
      var hv = hsh(i2);
      var imod = i2 & 32767, pimod = head[hv];
      prev[imod] = pimod;
      head[hv] = imod;
      if (wi <= i2) {
        var rem = s - i2;
        if ((lc_1 > 7e3 || li > 24576) && (rem > 423 || !lst)) {
          pos = wblk(dat, w, 0, syms, lf, df, eb, li, bs, i2 - bs, pos);
          li = lc_1 = eb = 0, bs = i2;
          for (var j = 0; j < 286; ++j)
            lf[j] = 0;
          for (var j = 0; j < 30; ++j)
            df[j] = 0;
        }
        var l = 2, d = 0, ch_1 = c, dif = imod - pimod & 32767;
        if (rem > 2 && hv == hsh(i2 - dif)) {
          var maxn = Math.min(n, rem) - 1;
          var maxd = Math.min(32767, i2);
          var ml = Math.min(258, rem);
          while (dif <= maxd && --ch_1 && imod != pimod) {
            if (dat[i2 + l] == dat[i2 + l - dif]) {
              var nl = 0;
              for (; nl < ml && dat[i2 + nl] == dat[i2 + nl - dif]; ++nl)
                ;
              if (nl > l) {
                l = nl, d = dif;
                if (nl > maxn)
                  break;
                var mmd = Math.min(dif, nl - 2);
                var md = 0;
                for (var j = 0; j < mmd; ++j) {
                  var ti = i2 - dif + j & 32767;
                  var pti = prev[ti];
                  var cd = ti - pti & 32767;
                  if (cd > md)
                    md = cd, pimod = ti;
                }
              }
            }
            imod = pimod, pimod = prev[imod];
            dif += imod - pimod & 32767;
          }
        }
        if (d) {
          syms[li++] = 268435456 | revfl[l] << 18 | revfd[d];
          var lin = revfl[l] & 31, din = revfd[d] & 31;
          eb += fleb[lin] + fdeb[din];
          ++lf[257 + lin];
          ++df[din];
          wi = i2 + l;
          ++lc_1;
        } else {
          syms[li++] = dat[i2];
          ++lf[dat[i2]];
        }
      }
    }
    for (i2 = Math.max(i2, wi); i2 < s; ++i2) {
      syms[li++] = dat[i2];
      ++lf[dat[i2]];
    }
    pos = wblk(dat, w, lst, syms, lf, df, eb, li, bs, i2 - bs, pos);
    if (!lst) {
      st.r = pos & 7 | w[pos / 8 | 0] << 3;
      pos -= 7;
      st.h = head, st.p = prev, st.i = i2, st.w = wi;
    }
  } else {
    for (var i2 = st.w || 0; i2 < s + lst; i2 += 65535) {
      var e = i2 + 65535;
      if (e >= s) {
        w[pos / 8 | 0] = lst;
        e = s;
      }
      pos = wfblk(w, pos + 1, dat.subarray(i2, e));
    }
    st.i = s;
  }
  return slc(o, 0, pre + shft(pos) + post);
};
var crct = /* @__PURE__ */ (function() {
  var t = new Int32Array(256);
  for (var i2 = 0; i2 < 256; ++i2) {
    var c = i2, k = 9;
    while (--k)
      c = (c & 1 && -306674912) ^ c >>> 1;
    t[i2] = c;
  }
  return t;
})();
var crc = function() {
  var c = -1;
  return {
    p: function(d) {
      var cr = c;
      for (var i2 = 0; i2 < d.length; ++i2)
        cr = crct[cr & 255 ^ d[i2]] ^ cr >>> 8;
      c = cr;
    },
    d: function() {
      return ~c;
    }
  };
};
var dopt = function(dat, opt, pre, post, st) {
  if (!st) {
    st = { l: 1 };
    if (opt.dictionary) {
      var dict = opt.dictionary.subarray(-32768);
      var newDat = new u8(dict.length + dat.length);
      newDat.set(dict);
      newDat.set(dat, dict.length);
      dat = newDat;
      st.w = dict.length;
    }
  }
  return dflt(dat, opt.level == null ? 6 : opt.level, opt.mem == null ? st.l ? Math.ceil(Math.max(8, Math.min(13, Math.log(dat.length))) * 1.5) : 20 : 12 + opt.mem, pre, post, st);
};
var mrg = function(a, b) {
  var o = {};
  for (var k in a)
    o[k] = a[k];
  for (var k in b)
    o[k] = b[k];
  return o;
};
var wbytes = function(d, b, v) {
  for (; v; ++b)
    d[b] = v, v >>>= 8;
};
function deflateSync(data, opts) {
  return dopt(data, opts || {}, 0, 0);
}
var Inflate = /* @__PURE__ */ (function() {
  function Inflate2(opts, cb) {
    if (typeof opts == "function")
      cb = opts, opts = {};
    this.ondata = cb;
    var dict = opts && opts.dictionary && opts.dictionary.subarray(-32768);
    this.s = { i: 0, b: dict ? dict.length : 0 };
    this.o = new u8(32768);
    this.p = new u8(0);
    if (dict)
      this.o.set(dict);
  }
  Inflate2.prototype.e = function(c) {
    if (!this.ondata)
      err(5);
    if (this.d)
      err(4);
    if (!this.p.length)
      this.p = c;
    else if (c.length) {
      var n = new u8(this.p.length + c.length);
      n.set(this.p), n.set(c, this.p.length), this.p = n;
    }
  };
  Inflate2.prototype.c = function(final) {
    this.s.i = +(this.d = final || false);
    var bts = this.s.b;
    var dt = inflt(this.p, this.s, this.o);
    this.ondata(slc(dt, bts, this.s.b), this.d);
    this.o = slc(dt, this.s.b - 32768), this.s.b = this.o.length;
    this.p = slc(this.p, this.s.p / 8 | 0), this.s.p &= 7;
  };
  Inflate2.prototype.push = function(chunk, final) {
    this.e(chunk), this.c(final);
  };
  return Inflate2;
})();
var fltn = function(d, p, t, o) {
  for (var k in d) {
    var val = d[k], n = p + k, op = o;
    if (Array.isArray(val))
      op = mrg(o, val[1]), val = val[0];
    if (ArrayBuffer.isView(val))
      t[n] = [val, op];
    else {
      t[n += "/"] = [new u8(0), op];
      fltn(val, n, t, o);
    }
  }
};
var te = typeof TextEncoder != "undefined" && /* @__PURE__ */ new TextEncoder();
var td = typeof TextDecoder != "undefined" && /* @__PURE__ */ new TextDecoder();
var tds = 0;
try {
  td.decode(et, { stream: true });
  tds = 1;
} catch (e) {
}
var dutf8 = function(d) {
  for (var r = "", i2 = 0; ; ) {
    var c = d[i2++];
    var eb = (c > 127) + (c > 223) + (c > 239);
    if (i2 + eb > d.length)
      return { s: r, r: slc(d, i2 - 1) };
    if (!eb)
      r += String.fromCharCode(c);
    else if (eb == 3) {
      c = ((c & 15) << 18 | (d[i2++] & 63) << 12 | (d[i2++] & 63) << 6 | d[i2++] & 63) - 65536, r += String.fromCharCode(55296 | c >> 10, 56320 | c & 1023);
    } else if (eb & 1)
      r += String.fromCharCode((c & 31) << 6 | d[i2++] & 63);
    else
      r += String.fromCharCode((c & 15) << 12 | (d[i2++] & 63) << 6 | d[i2++] & 63);
  }
};
function strToU8(str, latin1) {
  if (latin1) {
    var ar_1 = new u8(str.length);
    for (var i2 = 0; i2 < str.length; ++i2)
      ar_1[i2] = str.charCodeAt(i2);
    return ar_1;
  }
  if (te)
    return te.encode(str);
  var l = str.length;
  var ar = new u8(str.length + (str.length >> 1));
  var ai = 0;
  var w = function(v) {
    ar[ai++] = v;
  };
  for (var i2 = 0; i2 < l; ++i2) {
    if (ai + 5 > ar.length) {
      var n = new u8(ai + 8 + (l - i2 << 1));
      n.set(ar);
      ar = n;
    }
    var c = str.charCodeAt(i2);
    if (c < 128 || latin1)
      w(c);
    else if (c < 2048)
      w(192 | c >> 6), w(128 | c & 63);
    else if (c > 55295 && c < 57344)
      c = 65536 + (c & 1023 << 10) | str.charCodeAt(++i2) & 1023, w(240 | c >> 18), w(128 | c >> 12 & 63), w(128 | c >> 6 & 63), w(128 | c & 63);
    else
      w(224 | c >> 12), w(128 | c >> 6 & 63), w(128 | c & 63);
  }
  return slc(ar, 0, ai);
}
function strFromU8(dat, latin1) {
  if (latin1) {
    var r = "";
    for (var i2 = 0; i2 < dat.length; i2 += 16384)
      r += String.fromCharCode.apply(null, dat.subarray(i2, i2 + 16384));
    return r;
  } else if (td) {
    return td.decode(dat);
  } else {
    var _a2 = dutf8(dat), s = _a2.s, r = _a2.r;
    if (r.length)
      err(8);
    return s;
  }
}
var exfl = function(ex) {
  var le = 0;
  if (ex) {
    for (var k in ex) {
      var l = ex[k].length;
      if (l > 65535)
        err(9);
      le += l + 4;
    }
  }
  return le;
};
var wzh = function(d, b, f, fn, u, c, ce, co) {
  var fl2 = fn.length, ex = f.extra, col = co && co.length;
  var exl = exfl(ex);
  wbytes(d, b, ce != null ? 33639248 : 67324752), b += 4;
  if (ce != null)
    d[b++] = 20, d[b++] = f.os;
  d[b] = 20, b += 2;
  d[b++] = f.flag << 1 | (c < 0 && 8), d[b++] = u && 8;
  d[b++] = f.compression & 255, d[b++] = f.compression >> 8;
  var dt = new Date(f.mtime == null ? Date.now() : f.mtime), y = dt.getFullYear() - 1980;
  if (y < 0 || y > 119)
    err(10);
  wbytes(d, b, y << 25 | dt.getMonth() + 1 << 21 | dt.getDate() << 16 | dt.getHours() << 11 | dt.getMinutes() << 5 | dt.getSeconds() >> 1), b += 4;
  if (c != -1) {
    wbytes(d, b, f.crc);
    wbytes(d, b + 4, c < 0 ? -c - 2 : c);
    wbytes(d, b + 8, f.size);
  }
  wbytes(d, b + 12, fl2);
  wbytes(d, b + 14, exl), b += 16;
  if (ce != null) {
    wbytes(d, b, col);
    wbytes(d, b + 6, f.attrs);
    wbytes(d, b + 10, ce), b += 14;
  }
  d.set(fn, b);
  b += fl2;
  if (exl) {
    for (var k in ex) {
      var exf = ex[k], l = exf.length;
      wbytes(d, b, +k);
      wbytes(d, b + 2, l);
      d.set(exf, b + 4), b += 4 + l;
    }
  }
  if (col)
    d.set(co, b), b += col;
  return b;
};
var wzf = function(o, b, c, d, e) {
  wbytes(o, b, 101010256);
  wbytes(o, b + 8, c);
  wbytes(o, b + 10, c);
  wbytes(o, b + 12, d);
  wbytes(o, b + 16, e);
};
function zipSync(data, opts) {
  if (!opts)
    opts = {};
  var r = {};
  var files = [];
  fltn(data, "", r, opts);
  var o = 0;
  var tot = 0;
  for (var fn in r) {
    var _a2 = r[fn], file = _a2[0], p = _a2[1];
    var compression = p.level == 0 ? 0 : 8;
    var f = strToU8(fn), s = f.length;
    var com = p.comment, m = com && strToU8(com), ms = m && m.length;
    var exl = exfl(p.extra);
    if (s > 65535)
      err(11);
    var d = compression ? deflateSync(file, p) : file, l = d.length;
    var c = crc();
    c.p(file);
    files.push(mrg(p, {
      size: file.length,
      crc: c.d(),
      c: d,
      f,
      m,
      u: s != fn.length || m && com.length != ms,
      o,
      compression
    }));
    o += 30 + s + exl + l;
    tot += 76 + 2 * (s + exl) + (ms || 0) + l;
  }
  var out = new u8(tot + 22), oe = o, cdl = tot - o;
  for (var i2 = 0; i2 < files.length; ++i2) {
    var f = files[i2];
    wzh(out, f.o, f, f.f, f.u, f.c.length);
    var badd = 30 + f.f.length + exfl(f.extra);
    out.set(f.c, f.o + badd);
    wzh(out, o, f, f.f, f.u, f.c.length, f.o, f.m), o += 16 + badd + (f.m ? f.m.length : 0);
  }
  wzf(out, o, files.length, cdl, oe);
  return out;
}

// src/core/xlsform/workbook.ts
function columnLetter(index) {
  let s = "";
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
function parseCellRef(ref) {
  const m = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/.exec(ref);
  if (!m) return void 0;
  const letters = m[1].toUpperCase();
  let column = 0;
  for (let i2 = 0; i2 < letters.length; i2++) column = column * 26 + (letters.charCodeAt(i2) - 64);
  return { column: column - 1, row: Number(m[2]) };
}

// src/core/errors.ts
var DalaError = class extends Error {
  code;
  constructor(code, message, options) {
    super(message, options);
    this.code = code;
    this.name = "DalaError";
  }
};

// src/core/xlsform/xlsform-error.ts
var XlsFormError = class extends DalaError {
  problems;
  constructor(message, problems, options) {
    super("xlsform", message, options);
    this.name = "XlsFormError";
    this.problems = problems;
  }
};

// node_modules/fast-xml-parser/src/util.js
var nameStartChar = ":A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD";
var nameChar = nameStartChar + "\\-.\\d\\u00B7\\u0300-\\u036F\\u203F-\\u2040";
var nameRegexp = "[" + nameStartChar + "][" + nameChar + "]*";
var regexName = new RegExp("^" + nameRegexp + "$");
function getAllMatches(string2, regex2) {
  const matches2 = [];
  let match = regex2.exec(string2);
  while (match) {
    const allmatches = [];
    allmatches.startIndex = regex2.lastIndex - match[0].length;
    const len = match.length;
    for (let index = 0; index < len; index++) {
      allmatches.push(match[index]);
    }
    matches2.push(allmatches);
    match = regex2.exec(string2);
  }
  return matches2;
}
var isName = function(string2) {
  const match = regexName.exec(string2);
  return !(match === null || typeof match === "undefined");
};
function isExist(v) {
  return typeof v !== "undefined";
}
var DANGEROUS_PROPERTY_NAMES = [
  // '__proto__',
  // 'constructor',
  // 'prototype',
  "hasOwnProperty",
  "toString",
  "valueOf",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__"
];
var criticalProperties = ["__proto__", "constructor", "prototype"];

// node_modules/fast-xml-parser/src/validator.js
var defaultOptions = {
  allowBooleanAttributes: false,
  //A tag can have attributes without any value
  unpairedTags: []
};
function validate(xmlData, options) {
  options = Object.assign({}, defaultOptions, options);
  const tags = [];
  let tagFound = false;
  let reachedRoot = false;
  if (xmlData[0] === "\uFEFF") {
    xmlData = xmlData.substr(1);
  }
  for (let i2 = 0; i2 < xmlData.length; i2++) {
    if (xmlData[i2] === "<" && xmlData[i2 + 1] === "?") {
      i2 += 2;
      i2 = readPI(xmlData, i2);
      if (i2.err) return i2;
    } else if (xmlData[i2] === "<") {
      let tagStartPos = i2;
      i2++;
      if (xmlData[i2] === "!") {
        i2 = readCommentAndCDATA(xmlData, i2);
        continue;
      } else {
        let closingTag = false;
        if (xmlData[i2] === "/") {
          closingTag = true;
          i2++;
        }
        let tagName = "";
        for (; i2 < xmlData.length && xmlData[i2] !== ">" && xmlData[i2] !== " " && xmlData[i2] !== "	" && xmlData[i2] !== "\n" && xmlData[i2] !== "\r"; i2++) {
          tagName += xmlData[i2];
        }
        tagName = tagName.trim();
        if (tagName[tagName.length - 1] === "/") {
          tagName = tagName.substring(0, tagName.length - 1);
          i2--;
        }
        if (!validateTagName(tagName)) {
          let msg;
          if (tagName.trim().length === 0) {
            msg = "Invalid space after '<'.";
          } else {
            msg = "Tag '" + tagName + "' is an invalid name.";
          }
          return getErrorObject("InvalidTag", msg, getLineNumberForPosition(xmlData, i2));
        }
        const result = readAttributeStr(xmlData, i2);
        if (result === false) {
          return getErrorObject("InvalidAttr", "Attributes for '" + tagName + "' have open quote.", getLineNumberForPosition(xmlData, i2));
        }
        let attrStr = result.value;
        i2 = result.index;
        if (attrStr[attrStr.length - 1] === "/") {
          const attrStrStart = i2 - attrStr.length;
          attrStr = attrStr.substring(0, attrStr.length - 1);
          const isValid = validateAttributeString(attrStr, options);
          if (isValid === true) {
            tagFound = true;
          } else {
            return getErrorObject(isValid.err.code, isValid.err.msg, getLineNumberForPosition(xmlData, attrStrStart + isValid.err.line));
          }
        } else if (closingTag) {
          if (!result.tagClosed) {
            return getErrorObject("InvalidTag", "Closing tag '" + tagName + "' doesn't have proper closing.", getLineNumberForPosition(xmlData, i2));
          } else if (attrStr.trim().length > 0) {
            return getErrorObject("InvalidTag", "Closing tag '" + tagName + "' can't have attributes or invalid starting.", getLineNumberForPosition(xmlData, tagStartPos));
          } else if (tags.length === 0) {
            return getErrorObject("InvalidTag", "Closing tag '" + tagName + "' has not been opened.", getLineNumberForPosition(xmlData, tagStartPos));
          } else {
            const otg = tags.pop();
            if (tagName !== otg.tagName) {
              let openPos = getLineNumberForPosition(xmlData, otg.tagStartPos);
              return getErrorObject(
                "InvalidTag",
                "Expected closing tag '" + otg.tagName + "' (opened in line " + openPos.line + ", col " + openPos.col + ") instead of closing tag '" + tagName + "'.",
                getLineNumberForPosition(xmlData, tagStartPos)
              );
            }
            if (tags.length == 0) {
              reachedRoot = true;
            }
          }
        } else {
          const isValid = validateAttributeString(attrStr, options);
          if (isValid !== true) {
            return getErrorObject(isValid.err.code, isValid.err.msg, getLineNumberForPosition(xmlData, i2 - attrStr.length + isValid.err.line));
          }
          if (reachedRoot === true) {
            return getErrorObject("InvalidXml", "Multiple possible root nodes found.", getLineNumberForPosition(xmlData, i2));
          } else if (options.unpairedTags.indexOf(tagName) !== -1) {
          } else {
            tags.push({ tagName, tagStartPos });
          }
          tagFound = true;
        }
        for (i2++; i2 < xmlData.length; i2++) {
          if (xmlData[i2] === "<") {
            if (xmlData[i2 + 1] === "!") {
              i2++;
              i2 = readCommentAndCDATA(xmlData, i2);
              continue;
            } else if (xmlData[i2 + 1] === "?") {
              i2 = readPI(xmlData, ++i2);
              if (i2.err) return i2;
            } else {
              break;
            }
          } else if (xmlData[i2] === "&") {
            const afterAmp = validateAmpersand(xmlData, i2);
            if (afterAmp == -1)
              return getErrorObject("InvalidChar", "char '&' is not expected.", getLineNumberForPosition(xmlData, i2));
            i2 = afterAmp;
          } else {
            if (reachedRoot === true && !isWhiteSpace(xmlData[i2])) {
              return getErrorObject("InvalidXml", "Extra text at the end", getLineNumberForPosition(xmlData, i2));
            }
          }
        }
        if (xmlData[i2] === "<") {
          i2--;
        }
      }
    } else {
      if (isWhiteSpace(xmlData[i2])) {
        continue;
      }
      return getErrorObject("InvalidChar", "char '" + xmlData[i2] + "' is not expected.", getLineNumberForPosition(xmlData, i2));
    }
  }
  if (!tagFound) {
    return getErrorObject("InvalidXml", "Start tag expected.", 1);
  } else if (tags.length == 1) {
    return getErrorObject("InvalidTag", "Unclosed tag '" + tags[0].tagName + "'.", getLineNumberForPosition(xmlData, tags[0].tagStartPos));
  } else if (tags.length > 0) {
    return getErrorObject("InvalidXml", "Invalid '" + JSON.stringify(tags.map((t) => t.tagName), null, 4).replace(/\r?\n/g, "") + "' found.", { line: 1, col: 1 });
  }
  return true;
}
function isWhiteSpace(char) {
  return char === " " || char === "	" || char === "\n" || char === "\r";
}
function readPI(xmlData, i2) {
  const start = i2;
  for (; i2 < xmlData.length; i2++) {
    if (xmlData[i2] == "?" || xmlData[i2] == " ") {
      const tagname = xmlData.substr(start, i2 - start);
      if (i2 > 5 && tagname === "xml") {
        return getErrorObject("InvalidXml", "XML declaration allowed only at the start of the document.", getLineNumberForPosition(xmlData, i2));
      } else if (xmlData[i2] == "?" && xmlData[i2 + 1] == ">") {
        i2++;
        break;
      } else {
        continue;
      }
    }
  }
  return i2;
}
function readCommentAndCDATA(xmlData, i2) {
  if (xmlData.length > i2 + 5 && xmlData[i2 + 1] === "-" && xmlData[i2 + 2] === "-") {
    for (i2 += 3; i2 < xmlData.length; i2++) {
      if (xmlData[i2] === "-" && xmlData[i2 + 1] === "-" && xmlData[i2 + 2] === ">") {
        i2 += 2;
        break;
      }
    }
  } else if (xmlData.length > i2 + 8 && xmlData[i2 + 1] === "D" && xmlData[i2 + 2] === "O" && xmlData[i2 + 3] === "C" && xmlData[i2 + 4] === "T" && xmlData[i2 + 5] === "Y" && xmlData[i2 + 6] === "P" && xmlData[i2 + 7] === "E") {
    let angleBracketsCount = 1;
    for (i2 += 8; i2 < xmlData.length; i2++) {
      if (xmlData[i2] === "<") {
        angleBracketsCount++;
      } else if (xmlData[i2] === ">") {
        angleBracketsCount--;
        if (angleBracketsCount === 0) {
          break;
        }
      }
    }
  } else if (xmlData.length > i2 + 9 && xmlData[i2 + 1] === "[" && xmlData[i2 + 2] === "C" && xmlData[i2 + 3] === "D" && xmlData[i2 + 4] === "A" && xmlData[i2 + 5] === "T" && xmlData[i2 + 6] === "A" && xmlData[i2 + 7] === "[") {
    for (i2 += 8; i2 < xmlData.length; i2++) {
      if (xmlData[i2] === "]" && xmlData[i2 + 1] === "]" && xmlData[i2 + 2] === ">") {
        i2 += 2;
        break;
      }
    }
  }
  return i2;
}
var doubleQuote = '"';
var singleQuote = "'";
function readAttributeStr(xmlData, i2) {
  let attrStr = "";
  let startChar = "";
  let tagClosed = false;
  for (; i2 < xmlData.length; i2++) {
    if (xmlData[i2] === doubleQuote || xmlData[i2] === singleQuote) {
      if (startChar === "") {
        startChar = xmlData[i2];
      } else if (startChar !== xmlData[i2]) {
      } else {
        startChar = "";
      }
    } else if (xmlData[i2] === ">") {
      if (startChar === "") {
        tagClosed = true;
        break;
      }
    }
    attrStr += xmlData[i2];
  }
  if (startChar !== "") {
    return false;
  }
  return {
    value: attrStr,
    index: i2,
    tagClosed
  };
}
function scanAttributeTokens(attrStr) {
  const tokens = [];
  const len = attrStr.length;
  let i2 = 0;
  while (i2 < len) {
    const tokenStart = i2;
    while (i2 < len && isWhiteSpace(attrStr[i2])) i2++;
    if (i2 >= len) break;
    if (attrStr[i2] === "=") {
      i2++;
      continue;
    }
    const leadingWs = attrStr.slice(tokenStart, i2);
    const nameStart = i2;
    while (i2 < len && !isWhiteSpace(attrStr[i2]) && attrStr[i2] !== "=") i2++;
    const name = attrStr.slice(nameStart, i2);
    let equalsGroup;
    let j = i2;
    while (j < len && isWhiteSpace(attrStr[j])) j++;
    if (j < len && attrStr[j] === "=") {
      equalsGroup = attrStr.slice(i2, j + 1);
      i2 = j + 1;
    }
    let quoteChar;
    let value;
    let k = i2;
    while (k < len && isWhiteSpace(attrStr[k])) k++;
    if (k < len && (attrStr[k] === '"' || attrStr[k] === "'")) {
      const valueStart = k + 1;
      const closeIdx = attrStr.indexOf(attrStr[k], valueStart);
      if (closeIdx !== -1) {
        quoteChar = attrStr[k];
        value = attrStr.slice(valueStart, closeIdx);
        i2 = closeIdx + 1;
      }
    }
    const token = { startIndex: tokenStart };
    token[1] = leadingWs;
    token[2] = name;
    token[3] = equalsGroup;
    token[4] = quoteChar !== void 0 ? true : void 0;
    token[5] = quoteChar;
    token[6] = value;
    tokens.push(token);
  }
  return tokens;
}
function validateAttributeString(attrStr, options) {
  const matches2 = scanAttributeTokens(attrStr);
  const attrNames = {};
  for (let i2 = 0; i2 < matches2.length; i2++) {
    if (matches2[i2][1].length === 0) {
      return getErrorObject("InvalidAttr", "Attribute '" + matches2[i2][2] + "' has no space in starting.", getPositionFromMatch(matches2[i2]));
    } else if (matches2[i2][3] !== void 0 && matches2[i2][4] === void 0) {
      return getErrorObject("InvalidAttr", "Attribute '" + matches2[i2][2] + "' is without value.", getPositionFromMatch(matches2[i2]));
    } else if (matches2[i2][3] === void 0 && !options.allowBooleanAttributes) {
      return getErrorObject("InvalidAttr", "boolean attribute '" + matches2[i2][2] + "' is not allowed.", getPositionFromMatch(matches2[i2]));
    }
    const attrName = matches2[i2][2];
    if (!validateAttrName(attrName)) {
      return getErrorObject("InvalidAttr", "Attribute '" + attrName + "' is an invalid name.", getPositionFromMatch(matches2[i2]));
    }
    if (!Object.prototype.hasOwnProperty.call(attrNames, attrName)) {
      attrNames[attrName] = 1;
    } else {
      return getErrorObject("InvalidAttr", "Attribute '" + attrName + "' is repeated.", getPositionFromMatch(matches2[i2]));
    }
  }
  return true;
}
function validateNumberAmpersand(xmlData, i2) {
  let re = /\d/;
  if (xmlData[i2] === "x") {
    i2++;
    re = /[\da-fA-F]/;
  }
  for (; i2 < xmlData.length; i2++) {
    if (xmlData[i2] === ";")
      return i2;
    if (!xmlData[i2].match(re))
      break;
  }
  return -1;
}
function validateAmpersand(xmlData, i2) {
  i2++;
  if (xmlData[i2] === ";")
    return -1;
  if (xmlData[i2] === "#") {
    i2++;
    return validateNumberAmpersand(xmlData, i2);
  }
  let count2 = 0;
  for (; i2 < xmlData.length; i2++, count2++) {
    if (xmlData[i2].match(/\w/) && count2 < 20)
      continue;
    if (xmlData[i2] === ";")
      break;
    return -1;
  }
  return i2;
}
function getErrorObject(code, message, lineNumber) {
  return {
    err: {
      code,
      msg: message,
      line: lineNumber.line || lineNumber,
      col: lineNumber.col
    }
  };
}
function validateAttrName(attrName) {
  return isName(attrName);
}
function validateTagName(tagname) {
  return isName(tagname);
}
function getLineNumberForPosition(xmlData, index) {
  const lines = xmlData.substring(0, index).split(/\r?\n/);
  return {
    line: lines.length,
    // column number is last line's length + 1, because column numbering starts at 1:
    col: lines[lines.length - 1].length + 1
  };
}
function getPositionFromMatch(match) {
  return match.startIndex + match[1].length;
}

// node_modules/@nodable/entities/src/entities.js
var CURRENCY = {
  cent: "\xA2",
  pound: "\xA3",
  curren: "\xA4",
  yen: "\xA5",
  euro: "\u20AC",
  dollar: "$",
  fnof: "\u0192",
  inr: "\u20B9",
  af: "\u060B",
  birr: "\u1265\u122D",
  peso: "\u20B1",
  rub: "\u20BD",
  won: "\u20A9",
  yuan: "\xA5",
  cedil: "\xB8"
};
var XML = {
  amp: "&",
  apos: "'",
  gt: ">",
  lt: "<",
  quot: '"'
};
var COMMON_HTML = {
  nbsp: "\xA0",
  copy: "\xA9",
  reg: "\xAE",
  trade: "\u2122",
  mdash: "\u2014",
  ndash: "\u2013",
  hellip: "\u2026",
  laquo: "\xAB",
  raquo: "\xBB",
  lsquo: "\u2018",
  rsquo: "\u2019",
  ldquo: "\u201C",
  rdquo: "\u201D",
  bull: "\u2022",
  para: "\xB6",
  sect: "\xA7",
  deg: "\xB0",
  frac12: "\xBD",
  frac14: "\xBC",
  frac34: "\xBE"
};

// node_modules/@nodable/entities/src/EntityDecoder.js
var ENTITY_ACTION = Object.freeze({
  /** Resolve and expand the entity normally. */
  ALLOW: "allow",
  /** Silently skip this entity — it will not be registered. */
  BLOCK: "block",
  /** Throw an error, aborting entity registration entirely. */
  THROW: "throw"
});
var SPECIAL_CHARS = new Set("!?\\\\/[]$%{}^&*()<>|+");
function validateEntityName(name) {
  if (name[0] === "#") {
    throw new Error(`[EntityReplacer] Invalid character '#' in entity name: "${name}"`);
  }
  for (const ch of name) {
    if (SPECIAL_CHARS.has(ch)) {
      throw new Error(`[EntityReplacer] Invalid character '${ch}' in entity name: "${name}"`);
    }
  }
  return name;
}
function mergeEntityMaps(...maps) {
  const out = /* @__PURE__ */ Object.create(null);
  for (const map2 of maps) {
    if (!map2) continue;
    for (const key of Object.keys(map2)) {
      const raw = map2[key];
      if (typeof raw === "string") {
        out[key] = raw;
      } else if (raw && typeof raw === "object" && raw.val !== void 0) {
        const val = raw.val;
        if (typeof val === "string") {
          out[key] = val;
        }
      }
    }
  }
  return out;
}
var LIMIT_TIER_EXTERNAL = "external";
var LIMIT_TIER_BASE = "base";
var LIMIT_TIER_ALL = "all";
function parseLimitTiers(raw) {
  if (!raw || raw === LIMIT_TIER_EXTERNAL) return /* @__PURE__ */ new Set([LIMIT_TIER_EXTERNAL]);
  if (raw === LIMIT_TIER_ALL) return /* @__PURE__ */ new Set([LIMIT_TIER_ALL]);
  if (raw === LIMIT_TIER_BASE) return /* @__PURE__ */ new Set([LIMIT_TIER_BASE]);
  if (Array.isArray(raw)) return new Set(raw);
  return /* @__PURE__ */ new Set([LIMIT_TIER_EXTERNAL]);
}
var NCR_LEVEL = Object.freeze({ allow: 0, leave: 1, remove: 2, throw: 3 });
var XML10_ALLOWED_C0 = /* @__PURE__ */ new Set([9, 10, 13]);
function parseNCRConfig(ncr) {
  if (!ncr) {
    return { xmlVersion: 1, onLevel: NCR_LEVEL.allow, nullLevel: NCR_LEVEL.remove };
  }
  const xmlVersion = ncr.xmlVersion === 1.1 ? 1.1 : 1;
  const onLevel = NCR_LEVEL[ncr.onNCR] ?? NCR_LEVEL.allow;
  const nullLevel = NCR_LEVEL[ncr.nullNCR] ?? NCR_LEVEL.remove;
  const clampedNull = Math.max(nullLevel, NCR_LEVEL.remove);
  return { xmlVersion, onLevel, nullLevel: clampedNull };
}
var EntityDecoder = class {
  /**
   * @param {object} [options]
   * @param {object|null}  [options.namedEntities]        — extra named entities merged into base map
   * @param {object}  [options.limit]                 — security limits
   * @param {number}       [options.limit.maxTotalExpansions=0]  — 0 = unlimited
   * @param {number}       [options.limit.maxExpandedLength=0]   — 0 = unlimited
   * @param {'external'|'base'|'all'|string[]} [options.limit.applyLimitsTo='external']
   *   Which entity tiers count against the security limits:
   *   - 'external' (default) — only input/runtime + persistent external entities
   *   - 'base'               — only DEFAULT_XML_ENTITIES + namedEntities
   *   - 'all'                — every entity regardless of tier
   *   - string[]             — explicit combination, e.g. ['external', 'base']
   * @param {((resolved: string, original: string) => string)|null} [options.postCheck=null]
   * @param {string[]} [options.remove=[]] — entity names (e.g. ['nbsp', '#13']) to delete (replace with empty string)
   * @param {string[]} [options.leave=[]]  — entity names to keep as literal (unchanged in output)
   * @param {object}   [options.ncr]       — Numeric Character Reference controls
   * @param {1.0|1.1}  [options.ncr.xmlVersion=1.0]
   *   XML version governing which codepoint ranges are restricted:
   *   - 1.0 — C0 controls U+0001–U+001F (except U+0009/000A/000D) are prohibited
   *   - 1.1 — C0 controls are allowed when written as NCRs; C1 (U+007F–U+009F) decoded as-is
   * @param {'allow'|'leave'|'remove'|'throw'} [options.ncr.onNCR='allow']
   *   Base action for numeric references. Severity order: allow < leave < remove < throw.
   *   For codepoint ranges that carry a minimum level (surrogates → remove, XML 1.0 C0 → remove),
   *   the effective action is max(onNCR, rangeMinimum).
   * @param {'remove'|'throw'} [options.ncr.nullNCR='remove']
   *   Action for U+0000 (null). 'allow' and 'leave' are clamped to 'remove' since null is never safe.
   * @param {((name: string, value: string) => 'allow'|'block'|'throw')|null} [options.onExternalEntity=null]
   *   Hook called when an external entity is registered via `setExternalEntities()` or
   *   `addExternalEntity()`. Return `ENTITY_ACTION.ALLOW` to accept the entity,
   *   `ENTITY_ACTION.BLOCK` to silently skip it, or `ENTITY_ACTION.THROW` to abort with an error.
   * @param {((name: string, value: string) => 'allow'|'block'|'throw')|null} [options.onInputEntity=null]
   *   Hook called when an input entity is registered via `addInputEntities()`. Return
   *   `ENTITY_ACTION.ALLOW` to accept, `ENTITY_ACTION.BLOCK` to silently skip, or
   *   `ENTITY_ACTION.THROW` to abort with an error.
   */
  constructor(options = {}) {
    this._limit = options.limit || {};
    this._maxTotalExpansions = this._limit.maxTotalExpansions || 0;
    this._maxExpandedLength = this._limit.maxExpandedLength || 0;
    this._postCheck = typeof options.postCheck === "function" ? options.postCheck : (r) => r;
    this._limitTiers = parseLimitTiers(this._limit.applyLimitsTo ?? LIMIT_TIER_EXTERNAL);
    this._numericAllowed = options.numericAllowed ?? true;
    this._baseMap = mergeEntityMaps(XML, options.namedEntities || null);
    this._externalMap = /* @__PURE__ */ Object.create(null);
    this._inputMap = /* @__PURE__ */ Object.create(null);
    this._totalExpansions = 0;
    this._expandedLength = 0;
    this._removeSet = new Set(options.remove && Array.isArray(options.remove) ? options.remove : []);
    this._leaveSet = new Set(options.leave && Array.isArray(options.leave) ? options.leave : []);
    const ncrCfg = parseNCRConfig(options.ncr);
    this._ncrXmlVersion = ncrCfg.xmlVersion;
    this._ncrOnLevel = ncrCfg.onLevel;
    this._ncrNullLevel = ncrCfg.nullLevel;
    this._onExternalEntity = typeof options.onExternalEntity === "function" ? options.onExternalEntity : null;
    this._onInputEntity = typeof options.onInputEntity === "function" ? options.onInputEntity : null;
  }
  // -------------------------------------------------------------------------
  // Private: registration hook dispatch
  // -------------------------------------------------------------------------
  /**
   * Invoke a registration hook for a single entity name/value pair.
   * Returns true when the entity should be accepted, false when it should be
   * silently skipped (BLOCK), and throws when the hook returns THROW.
   *
   * @param {((name: string, value: string) => 'allow'|'block'|'throw')|null} hook
   * @param {string} name
   * @param {string} value
   * @param {string} context  — used in error messages ('external' | 'input')
   * @returns {boolean}  true = accept, false = skip
   */
  _applyRegistrationHook(hook, name, value, context) {
    if (!hook) return true;
    const action = hook(name, value);
    if (action === ENTITY_ACTION.BLOCK) return false;
    if (action === ENTITY_ACTION.THROW) {
      throw new Error(
        `[EntityDecoder] Registration of ${context} entity "&${name};" was rejected by hook`
      );
    }
    return true;
  }
  // -------------------------------------------------------------------------
  // Persistent external entity registration
  // -------------------------------------------------------------------------
  /**
   * Replace the full set of persistent external entities.
   * All keys are validated — throws on invalid characters.
   * If `onExternalEntity` is set, it is called once per entry; entries that
   * return `ENTITY_ACTION.BLOCK` are silently omitted, `ENTITY_ACTION.THROW`
   * aborts the whole call.
   * @param {Record<string, string | { regex?: RegExp, val: string }>} map
   */
  setExternalEntities(map2) {
    if (map2) {
      for (const key of Object.keys(map2)) {
        validateEntityName(key);
      }
    }
    if (!this._onExternalEntity) {
      this._externalMap = mergeEntityMaps(map2);
      return;
    }
    const flat = mergeEntityMaps(map2);
    const filtered = /* @__PURE__ */ Object.create(null);
    for (const [name, value] of Object.entries(flat)) {
      if (this._applyRegistrationHook(this._onExternalEntity, name, value, "external")) {
        filtered[name] = value;
      }
    }
    this._externalMap = filtered;
  }
  /**
   * Add a single persistent external entity.
   * If `onExternalEntity` is set it is called before the entity is stored;
   * `ENTITY_ACTION.BLOCK` silently skips storage, `ENTITY_ACTION.THROW` raises.
   * @param {string} key
   * @param {string} value
   */
  addExternalEntity(key, value) {
    validateEntityName(key);
    if (typeof value === "string" && value.indexOf("&") === -1) {
      if (this._applyRegistrationHook(this._onExternalEntity, key, value, "external")) {
        this._externalMap[key] = value;
      }
    }
  }
  // -------------------------------------------------------------------------
  // Input / runtime entity registration (per document)
  // -------------------------------------------------------------------------
  /**
   * Inject DOCTYPE entities for the current document.
   * Also resets per-document expansion counters.
   * If `onInputEntity` is set it is called once per entry; entries returning
   * `ENTITY_ACTION.BLOCK` are silently omitted, `ENTITY_ACTION.THROW` aborts.
   * @param {Record<string, string | { regx?: RegExp, regex?: RegExp, val: string }>} map
   */
  addInputEntities(map2) {
    this._totalExpansions = 0;
    this._expandedLength = 0;
    if (!this._onInputEntity) {
      this._inputMap = mergeEntityMaps(map2);
      return;
    }
    const flat = mergeEntityMaps(map2);
    const filtered = /* @__PURE__ */ Object.create(null);
    for (const [name, value] of Object.entries(flat)) {
      if (this._applyRegistrationHook(this._onInputEntity, name, value, "input")) {
        filtered[name] = value;
      }
    }
    this._inputMap = filtered;
  }
  // -------------------------------------------------------------------------
  // Per-document reset
  // -------------------------------------------------------------------------
  /**
   * Wipe input/runtime entities and reset counters.
   * Call this before processing each new document.
   * @returns {this}
   */
  reset() {
    this._inputMap = /* @__PURE__ */ Object.create(null);
    this._totalExpansions = 0;
    this._expandedLength = 0;
    return this;
  }
  // -------------------------------------------------------------------------
  // XML version (can be set after construction, e.g. once parser reads <?xml?>)
  // -------------------------------------------------------------------------
  /**
   * Update the XML version used for NCR classification.
   * Call this as soon as the document's `<?xml version="...">` declaration is parsed.
   * @param {1.0|1.1|number} version
   */
  setXmlVersion(version) {
    this._ncrXmlVersion = version === 1.1 ? 1.1 : 1;
  }
  // -------------------------------------------------------------------------
  // Primary API
  // -------------------------------------------------------------------------
  /**
   * Replace all entity references in `str` in a single pass.
   *
   * @param {string} str
   * @returns {string}
   */
  decode(str) {
    if (typeof str !== "string" || str.length === 0) return str;
    if (str.indexOf("&") === -1) return str;
    const original = str;
    const chunks = [];
    const len = str.length;
    let last = 0;
    let i2 = 0;
    const limitExpansions = this._maxTotalExpansions > 0;
    const limitLength = this._maxExpandedLength > 0;
    const checkLimits = limitExpansions || limitLength;
    while (i2 < len) {
      if (str.charCodeAt(i2) !== 38) {
        i2++;
        continue;
      }
      let j = i2 + 1;
      while (j < len && str.charCodeAt(j) !== 59 && j - i2 <= 32) j++;
      if (j >= len || str.charCodeAt(j) !== 59) {
        i2++;
        continue;
      }
      const token = str.slice(i2 + 1, j);
      if (token.length === 0) {
        i2++;
        continue;
      }
      let replacement;
      let tier;
      if (this._removeSet.has(token)) {
        replacement = "";
        if (tier === void 0) {
          tier = LIMIT_TIER_EXTERNAL;
        }
      } else if (this._leaveSet.has(token)) {
        i2++;
        continue;
      } else if (token.charCodeAt(0) === 35) {
        const ncrResult = this._resolveNCR(token);
        if (ncrResult === void 0) {
          i2++;
          continue;
        }
        replacement = ncrResult;
        tier = LIMIT_TIER_BASE;
      } else {
        const resolved = this._resolveName(token);
        replacement = resolved?.value;
        tier = resolved?.tier;
      }
      if (replacement === void 0) {
        i2++;
        continue;
      }
      if (i2 > last) chunks.push(str.slice(last, i2));
      chunks.push(replacement);
      last = j + 1;
      i2 = last;
      if (checkLimits && this._tierCounts(tier)) {
        if (limitExpansions) {
          this._totalExpansions++;
          if (this._totalExpansions > this._maxTotalExpansions) {
            throw new Error(
              `[EntityReplacer] Entity expansion count limit exceeded: ${this._totalExpansions} > ${this._maxTotalExpansions}`
            );
          }
        }
        if (limitLength) {
          const delta = replacement.length - (token.length + 2);
          if (delta > 0) {
            this._expandedLength += delta;
            if (this._expandedLength > this._maxExpandedLength) {
              throw new Error(
                `[EntityReplacer] Expanded content length limit exceeded: ${this._expandedLength} > ${this._maxExpandedLength}`
              );
            }
          }
        }
      }
    }
    if (last < len) chunks.push(str.slice(last));
    const result = chunks.length === 0 ? str : chunks.join("");
    return this._postCheck(result, original);
  }
  // -------------------------------------------------------------------------
  // Private: limit tier check
  // -------------------------------------------------------------------------
  /**
   * Returns true if a resolved entity of the given tier should count
   * against the expansion/length limits.
   * @param {string} tier  — LIMIT_TIER_EXTERNAL | LIMIT_TIER_BASE
   * @returns {boolean}
   */
  _tierCounts(tier) {
    if (this._limitTiers.has(LIMIT_TIER_ALL)) return true;
    return this._limitTiers.has(tier);
  }
  // -------------------------------------------------------------------------
  // Private: entity resolution
  // -------------------------------------------------------------------------
  /**
   * Resolve a named entity token (without & and ;).
   * Priority: inputMap > externalMap > baseMap
   * Returns the resolved value tagged with its limit tier.
   *
   * @param {string} name
   * @returns {{ value: string, tier: string }|undefined}
   */
  _resolveName(name) {
    if (name in this._inputMap) return { value: this._inputMap[name], tier: LIMIT_TIER_EXTERNAL };
    if (name in this._externalMap) return { value: this._externalMap[name], tier: LIMIT_TIER_EXTERNAL };
    if (name in this._baseMap) return { value: this._baseMap[name], tier: LIMIT_TIER_BASE };
    return void 0;
  }
  /**
   * Classify a codepoint and return the minimum action level that must be applied.
   * Returns -1 when no minimum is imposed (normal allow path).
   *
   * Ranges checked (in priority order):
   *   1. U+0000            — null, governed by nullNCR (always ≥ remove)
   *   2. U+D800–U+DFFF     — surrogates, always prohibited (min: remove)
   *   3. U+0001–U+001F \ {0x09,0x0A,0x0D}  — XML 1.0 restricted C0 (min: remove)
   *      (skipped in XML 1.1 — C0 controls are allowed when written as NCRs)
   *
   * @param {number} cp  — codepoint
   * @returns {number}   — minimum NCR_LEVEL value, or -1 for no restriction
   */
  _classifyNCR(cp) {
    if (cp === 0) return this._ncrNullLevel;
    if (cp >= 55296 && cp <= 57343) return NCR_LEVEL.remove;
    if (this._ncrXmlVersion === 1) {
      if (cp >= 1 && cp <= 31 && !XML10_ALLOWED_C0.has(cp)) return NCR_LEVEL.remove;
    }
    return -1;
  }
  /**
   * Execute a resolved NCR action.
   *
   * @param {number} action   — NCR_LEVEL value
   * @param {string} token    — raw token (e.g. '#38') for error messages
   * @param {number} cp       — codepoint, used only for error messages
   * @returns {string|undefined}
   *   - decoded character string  → 'allow'
   *   - ''                        → 'remove'
   *   - undefined                 → 'leave' (caller must skip past '&' only)
   *   - throws Error              → 'throw'
   */
  _applyNCRAction(action, token, cp) {
    switch (action) {
      case NCR_LEVEL.allow:
        return String.fromCodePoint(cp);
      case NCR_LEVEL.remove:
        return "";
      case NCR_LEVEL.leave:
        return void 0;
      // signal: keep literal
      case NCR_LEVEL.throw:
        throw new Error(
          `[EntityDecoder] Prohibited numeric character reference &${token}; (U+${cp.toString(16).toUpperCase().padStart(4, "0")})`
        );
      default:
        return String.fromCodePoint(cp);
    }
  }
  /**
   * Full NCR resolution pipeline for a numeric token.
   *
   * Steps:
   *   1. Parse the codepoint (decimal or hex).
   *   2. Validate the raw codepoint range (NaN, <0, >0x10FFFF).
   *   3. If numericAllowed is false and no minimum restriction applies → leave as-is.
   *   4. Classify the codepoint to find the minimum required action level.
   *   5. Resolve effective action = max(onNCR, minimum).
   *   6. Apply and return.
   *
   * @param {string} token  — e.g. '#38', '#x26', '#X26'
   * @returns {string|undefined}
   *   - string (incl. '')  — replacement ('' = remove)
   *   - undefined          — leave original &token; as-is
   */
  _resolveNCR(token) {
    const second = token.charCodeAt(1);
    let cp;
    if (second === 120 || second === 88) {
      cp = parseInt(token.slice(2), 16);
    } else {
      cp = parseInt(token.slice(1), 10);
    }
    if (Number.isNaN(cp) || cp < 0 || cp > 1114111) return void 0;
    const minimum = this._classifyNCR(cp);
    if (!this._numericAllowed && minimum < NCR_LEVEL.remove) return void 0;
    const effective = minimum === -1 ? this._ncrOnLevel : Math.max(this._ncrOnLevel, minimum);
    return this._applyNCRAction(effective, token, cp);
  }
};

// node_modules/fast-xml-parser/src/xmlparser/OptionsBuilder.js
var defaultOnDangerousProperty = (name) => {
  if (DANGEROUS_PROPERTY_NAMES.includes(name)) {
    return "__" + name;
  }
  return name;
};
var defaultOptions2 = {
  preserveOrder: false,
  attributeNamePrefix: "@_",
  attributesGroupName: false,
  textNodeName: "#text",
  ignoreAttributes: true,
  removeNSPrefix: false,
  // remove NS from tag name or attribute name if true
  allowBooleanAttributes: false,
  //a tag can have attributes without any value
  //ignoreRootElement : false,
  parseTagValue: true,
  parseAttributeValue: false,
  trimValues: true,
  //Trim string values of tag and attributes
  cdataPropName: false,
  numberParseOptions: {
    hex: true,
    leadingZeros: true,
    eNotation: true,
    unicode: false
  },
  tagValueProcessor: function(tagName, val) {
    return val;
  },
  attributeValueProcessor: function(attrName, val) {
    return val;
  },
  stopNodes: [],
  //nested tags will not be parsed even for errors
  alwaysCreateTextNode: false,
  isArray: () => false,
  commentPropName: false,
  unpairedTags: [],
  processEntities: true,
  htmlEntities: false,
  entityDecoder: null,
  ignoreDeclaration: false,
  ignorePiTags: false,
  transformTagName: false,
  transformAttributeName: false,
  updateTag: function(tagName, jPath, attrs2) {
    return tagName;
  },
  // skipEmptyListItem: false
  captureMetaData: false,
  maxNestedTags: 100,
  strictReservedNames: true,
  jPath: true,
  // if true, pass jPath string to callbacks; if false, pass matcher instance
  onDangerousProperty: defaultOnDangerousProperty
};
function validatePropertyName(propertyName, optionName) {
  if (typeof propertyName !== "string") {
    return;
  }
  const normalized = propertyName.toLowerCase();
  if (DANGEROUS_PROPERTY_NAMES.some((dangerous) => normalized === dangerous.toLowerCase())) {
    throw new Error(
      `[SECURITY] Invalid ${optionName}: "${propertyName}" is a reserved JavaScript keyword that could cause prototype pollution`
    );
  }
  if (criticalProperties.some((dangerous) => normalized === dangerous.toLowerCase())) {
    throw new Error(
      `[SECURITY] Invalid ${optionName}: "${propertyName}" is a reserved JavaScript keyword that could cause prototype pollution`
    );
  }
}
function normalizeProcessEntities(value, htmlEntities) {
  if (typeof value === "boolean") {
    return {
      enabled: value,
      // true or false
      maxEntitySize: 1e4,
      maxExpansionDepth: 1e4,
      maxTotalExpansions: Infinity,
      maxExpandedLength: 1e5,
      maxEntityCount: 1e3,
      allowedTags: null,
      tagFilter: null,
      appliesTo: "all"
    };
  }
  if (typeof value === "object" && value !== null) {
    return {
      enabled: value.enabled !== false,
      maxEntitySize: Math.max(1, value.maxEntitySize ?? 1e4),
      maxExpansionDepth: Math.max(1, value.maxExpansionDepth ?? 1e4),
      maxTotalExpansions: Math.max(1, value.maxTotalExpansions ?? Infinity),
      maxExpandedLength: Math.max(1, value.maxExpandedLength ?? 1e5),
      maxEntityCount: Math.max(1, value.maxEntityCount ?? 1e3),
      allowedTags: value.allowedTags ?? null,
      tagFilter: value.tagFilter ?? null,
      appliesTo: value.appliesTo ?? "all"
    };
  }
  return normalizeProcessEntities(true);
}
var buildOptions = function(options) {
  const built = Object.assign({}, defaultOptions2, options);
  const propertyNameOptions = [
    { value: built.attributeNamePrefix, name: "attributeNamePrefix" },
    { value: built.attributesGroupName, name: "attributesGroupName" },
    { value: built.textNodeName, name: "textNodeName" },
    { value: built.cdataPropName, name: "cdataPropName" },
    { value: built.commentPropName, name: "commentPropName" }
  ];
  for (const { value, name } of propertyNameOptions) {
    if (value) {
      validatePropertyName(value, name);
    }
  }
  if (built.onDangerousProperty === null) {
    built.onDangerousProperty = defaultOnDangerousProperty;
  }
  built.processEntities = normalizeProcessEntities(built.processEntities, built.htmlEntities);
  built.unpairedTagsSet = new Set(built.unpairedTags);
  if (built.stopNodes && Array.isArray(built.stopNodes)) {
    built.stopNodes = built.stopNodes.map((node) => {
      if (typeof node === "string" && node.startsWith("*.")) {
        return ".." + node.substring(2);
      }
      return node;
    });
  }
  return built;
};

// node_modules/fast-xml-parser/src/xmlparser/xmlNode.js
var METADATA_SYMBOL;
if (typeof Symbol !== "function") {
  METADATA_SYMBOL = "@@xmlMetadata";
} else {
  METADATA_SYMBOL = /* @__PURE__ */ Symbol("XML Node Metadata");
}
var XmlNode = class {
  constructor(tagname) {
    this.tagname = tagname;
    this.child = [];
    this[":@"] = /* @__PURE__ */ Object.create(null);
  }
  add(key, val) {
    if (key === "__proto__") key = "#__proto__";
    this.child.push({ [key]: val });
  }
  addChild(node, startIndex) {
    if (node.tagname === "__proto__") node.tagname = "#__proto__";
    if (node[":@"] && Object.keys(node[":@"]).length > 0) {
      this.child.push({ [node.tagname]: node.child, [":@"]: node[":@"] });
    } else {
      this.child.push({ [node.tagname]: node.child });
    }
    this.addStartIndex(startIndex);
  }
  addStartIndex(startIndex) {
    if (startIndex !== void 0) {
      this.child[this.child.length - 1][METADATA_SYMBOL] = { startIndex };
    }
  }
  addEndIndex(endIndex) {
    const lastChild = this.child[this.child.length - 1];
    if (lastChild !== void 0 && lastChild[METADATA_SYMBOL] !== void 0 && lastChild[METADATA_SYMBOL].endIndex === void 0) {
      lastChild[METADATA_SYMBOL].endIndex = endIndex;
    }
  }
  /** symbol used for metadata */
  static getMetaDataSymbol() {
    return METADATA_SYMBOL;
  }
};

// node_modules/xml-naming/src/index.js
var nameStartChar10 = ":A-Za-z_\xC0-\xD6\xD8-\xF6\xF8-\u02FF\u0370-\u037D\u037F-\u0486\u0488-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD";
var nameChar10 = nameStartChar10 + "\\-\\.\\d\xB7\u0300-\u036F\u203F-\u2040";
var nameStartChar11 = ":A-Za-z_\xC0-\u02FF\u0370-\u037D\u037F-\u0486\u0488-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}";
var nameChar11 = nameStartChar11 + "\\-\\.\\d\xB7\u0300-\u036F\u0487\u203F-\u2040";
var buildRegexes = (startChar, char, flags = "") => {
  const ncStart = startChar.replace(":", "");
  const ncChar = char.replace(":", "");
  const ncNamePat = `[${ncStart}][${ncChar}]*`;
  return {
    name: new RegExp(`^[${startChar}][${char}]*$`, flags),
    ncName: new RegExp(`^${ncNamePat}$`, flags),
    qName: new RegExp(`^${ncNamePat}(?::${ncNamePat})?$`, flags),
    nmToken: new RegExp(`^[${char}]+$`, flags),
    nmTokens: new RegExp(`^[${char}]+(?:\\s+[${char}]+)*$`, flags)
  };
};
var regexes10 = buildRegexes(nameStartChar10, nameChar10);
var regexes11 = buildRegexes(nameStartChar11, nameChar11, "u");
var nameStartCharAscii = ":A-Za-z_";
var nameCharAscii = nameStartCharAscii + "\\-\\.\\d";
var regexesAscii = buildRegexes(nameStartCharAscii, nameCharAscii);
var getRegexes = (xmlVersion = "1.0", asciiOnly = false) => {
  if (asciiOnly) return regexesAscii;
  return xmlVersion === "1.1" ? regexes11 : regexes10;
};
var qName = (str, { xmlVersion = "1.0", asciiOnly = false } = {}) => getRegexes(xmlVersion, asciiOnly).qName.test(str);

// node_modules/fast-xml-parser/src/xmlparser/DocTypeReader.js
var DocTypeReader = class {
  constructor(options, xmlVersion) {
    this.suppressValidationErr = !options;
    this.options = options;
    this.xmlVersion = xmlVersion || 1;
  }
  setXmlVersion(xmlVersion = 1) {
    this.xmlVersion = xmlVersion;
  }
  readDocType(xmlData, i2) {
    const entities = /* @__PURE__ */ Object.create(null);
    let entityCount = 0;
    if (xmlData[i2 + 3] === "O" && xmlData[i2 + 4] === "C" && xmlData[i2 + 5] === "T" && xmlData[i2 + 6] === "Y" && xmlData[i2 + 7] === "P" && xmlData[i2 + 8] === "E") {
      i2 = i2 + 9;
      let angleBracketsCount = 1;
      let hasBody = false, comment = false;
      let quoteChar = null;
      let exp = "";
      for (; i2 < xmlData.length; i2++) {
        if (quoteChar !== null) {
          if (xmlData[i2] === quoteChar) quoteChar = null;
          exp += xmlData[i2];
          continue;
        }
        if (!hasBody && !comment && (xmlData[i2] === '"' || xmlData[i2] === "'")) {
          quoteChar = xmlData[i2];
          exp += xmlData[i2];
          continue;
        }
        if (xmlData[i2] === "<" && !comment) {
          if (hasBody && hasSeq(xmlData, "!ENTITY", i2)) {
            i2 += 7;
            let entityName, val;
            [entityName, val, i2] = this.readEntityExp(xmlData, i2 + 1, this.suppressValidationErr);
            if (val.indexOf("&") === -1) {
              if (this.options.enabled !== false && this.options.maxEntityCount != null && entityCount >= this.options.maxEntityCount) {
                throw new Error(
                  `Entity count (${entityCount + 1}) exceeds maximum allowed (${this.options.maxEntityCount})`
                );
              }
              entities[entityName] = val;
              entityCount++;
            }
          } else if (hasBody && hasSeq(xmlData, "!ELEMENT", i2)) {
            i2 += 8;
            const { index } = this.readElementExp(xmlData, i2 + 1);
            i2 = index;
          } else if (hasBody && hasSeq(xmlData, "!ATTLIST", i2)) {
            i2 += 8;
          } else if (hasBody && hasSeq(xmlData, "!NOTATION", i2)) {
            i2 += 9;
            const { index } = this.readNotationExp(xmlData, i2 + 1, this.suppressValidationErr);
            i2 = index;
          } else if (hasSeq(xmlData, "!--", i2)) comment = true;
          else throw new Error(`Invalid DOCTYPE`);
          angleBracketsCount++;
          exp = "";
        } else if (xmlData[i2] === ">") {
          if (comment) {
            if (xmlData[i2 - 1] === "-" && xmlData[i2 - 2] === "-") {
              comment = false;
              angleBracketsCount--;
            }
          } else {
            angleBracketsCount--;
          }
          if (angleBracketsCount === 0) {
            break;
          }
        } else if (xmlData[i2] === "[") {
          hasBody = true;
        } else {
          exp += xmlData[i2];
        }
      }
      if (quoteChar !== null || angleBracketsCount !== 0) {
        throw new Error(`Unclosed DOCTYPE`);
      }
    } else {
      throw new Error(`Invalid Tag instead of DOCTYPE`);
    }
    return { entities, i: i2 };
  }
  readEntityExp(xmlData, i2) {
    i2 = skipWhitespace(xmlData, i2);
    const startIndex = i2;
    while (i2 < xmlData.length && !/\s/.test(xmlData[i2]) && xmlData[i2] !== '"' && xmlData[i2] !== "'") {
      i2++;
    }
    let entityName = xmlData.substring(startIndex, i2);
    validateEntityName2(entityName, { xmlVersion: this.xmlVersion });
    i2 = skipWhitespace(xmlData, i2);
    if (!this.suppressValidationErr) {
      if (xmlData.substring(i2, i2 + 6).toUpperCase() === "SYSTEM") {
        throw new Error("External entities are not supported");
      } else if (xmlData[i2] === "%") {
        throw new Error("Parameter entities are not supported");
      }
    }
    let entityValue = "";
    [i2, entityValue] = this.readIdentifierVal(xmlData, i2, "entity");
    if (this.options.enabled !== false && this.options.maxEntitySize != null && entityValue.length > this.options.maxEntitySize) {
      throw new Error(
        `Entity "${entityName}" size (${entityValue.length}) exceeds maximum allowed size (${this.options.maxEntitySize})`
      );
    }
    i2--;
    return [entityName, entityValue, i2];
  }
  readNotationExp(xmlData, i2) {
    i2 = skipWhitespace(xmlData, i2);
    const startIndex = i2;
    while (i2 < xmlData.length && !/\s/.test(xmlData[i2])) {
      i2++;
    }
    let notationName = xmlData.substring(startIndex, i2);
    !this.suppressValidationErr && validateEntityName2(notationName, { xmlVersion: this.xmlVersion });
    i2 = skipWhitespace(xmlData, i2);
    const identifierType = xmlData.substring(i2, i2 + 6).toUpperCase();
    if (!this.suppressValidationErr && identifierType !== "SYSTEM" && identifierType !== "PUBLIC") {
      throw new Error(`Expected SYSTEM or PUBLIC, found "${identifierType}"`);
    }
    i2 += identifierType.length;
    i2 = skipWhitespace(xmlData, i2);
    let publicIdentifier = null;
    let systemIdentifier = null;
    if (identifierType === "PUBLIC") {
      [i2, publicIdentifier] = this.readIdentifierVal(xmlData, i2, "publicIdentifier");
      i2 = skipWhitespace(xmlData, i2);
      if (xmlData[i2] === '"' || xmlData[i2] === "'") {
        [i2, systemIdentifier] = this.readIdentifierVal(xmlData, i2, "systemIdentifier");
      }
    } else if (identifierType === "SYSTEM") {
      [i2, systemIdentifier] = this.readIdentifierVal(xmlData, i2, "systemIdentifier");
      if (!this.suppressValidationErr && !systemIdentifier) {
        throw new Error("Missing mandatory system identifier for SYSTEM notation");
      }
    }
    return { notationName, publicIdentifier, systemIdentifier, index: --i2 };
  }
  readIdentifierVal(xmlData, i2, type) {
    let identifierVal = "";
    const startChar = xmlData[i2];
    if (startChar !== '"' && startChar !== "'") {
      throw new Error(`Expected quoted string, found "${startChar}"`);
    }
    i2++;
    const startIndex = i2;
    while (i2 < xmlData.length && xmlData[i2] !== startChar) {
      i2++;
    }
    identifierVal = xmlData.substring(startIndex, i2);
    if (xmlData[i2] !== startChar) {
      throw new Error(`Unterminated ${type} value`);
    }
    i2++;
    return [i2, identifierVal];
  }
  readElementExp(xmlData, i2) {
    i2 = skipWhitespace(xmlData, i2);
    const startIndex = i2;
    while (i2 < xmlData.length && !/\s/.test(xmlData[i2])) {
      i2++;
    }
    let elementName = xmlData.substring(startIndex, i2);
    if (!this.suppressValidationErr && !qName(elementName, { xmlVersion: this.xmlVersion })) {
      throw new Error(`Invalid element name: "${elementName}"`);
    }
    i2 = skipWhitespace(xmlData, i2);
    let contentModel = "";
    if (xmlData[i2] === "E" && hasSeq(xmlData, "MPTY", i2)) i2 += 4;
    else if (xmlData[i2] === "A" && hasSeq(xmlData, "NY", i2)) i2 += 2;
    else if (xmlData[i2] === "(") {
      i2++;
      const startIndex2 = i2;
      while (i2 < xmlData.length && xmlData[i2] !== ")") {
        i2++;
      }
      contentModel = xmlData.substring(startIndex2, i2);
      if (xmlData[i2] !== ")") {
        throw new Error("Unterminated content model");
      }
    } else if (!this.suppressValidationErr) {
      throw new Error(`Invalid Element Expression, found "${xmlData[i2]}"`);
    }
    return {
      elementName,
      contentModel: contentModel.trim(),
      index: i2
    };
  }
  readAttlistExp(xmlData, i2) {
    i2 = skipWhitespace(xmlData, i2);
    let startIndex = i2;
    while (i2 < xmlData.length && !/\s/.test(xmlData[i2])) {
      i2++;
    }
    let elementName = xmlData.substring(startIndex, i2);
    validateEntityName2(elementName, { xmlVersion: this.xmlVersion });
    i2 = skipWhitespace(xmlData, i2);
    startIndex = i2;
    while (i2 < xmlData.length && !/\s/.test(xmlData[i2])) {
      i2++;
    }
    let attributeName = xmlData.substring(startIndex, i2);
    if (!validateEntityName2(attributeName, { xmlVersion: this.xmlVersion })) {
      throw new Error(`Invalid attribute name: "${attributeName}"`);
    }
    i2 = skipWhitespace(xmlData, i2);
    let attributeType = "";
    if (xmlData.substring(i2, i2 + 8).toUpperCase() === "NOTATION") {
      attributeType = "NOTATION";
      i2 += 8;
      i2 = skipWhitespace(xmlData, i2);
      if (xmlData[i2] !== "(") {
        throw new Error(`Expected '(', found "${xmlData[i2]}"`);
      }
      i2++;
      let allowedNotations = [];
      while (i2 < xmlData.length && xmlData[i2] !== ")") {
        const startIndex2 = i2;
        while (i2 < xmlData.length && xmlData[i2] !== "|" && xmlData[i2] !== ")") {
          i2++;
        }
        let notation = xmlData.substring(startIndex2, i2);
        notation = notation.trim();
        if (!validateEntityName2(notation, { xmlVersion: this.xmlVersion })) {
          throw new Error(`Invalid notation name: "${notation}"`);
        }
        allowedNotations.push(notation);
        if (xmlData[i2] === "|") {
          i2++;
          i2 = skipWhitespace(xmlData, i2);
        }
      }
      if (xmlData[i2] !== ")") {
        throw new Error("Unterminated list of notations");
      }
      i2++;
      attributeType += " (" + allowedNotations.join("|") + ")";
    } else {
      const startIndex2 = i2;
      while (i2 < xmlData.length && !/\s/.test(xmlData[i2])) {
        i2++;
      }
      attributeType += xmlData.substring(startIndex2, i2);
      const validTypes = ["CDATA", "ID", "IDREF", "IDREFS", "ENTITY", "ENTITIES", "NMTOKEN", "NMTOKENS"];
      if (!this.suppressValidationErr && !validTypes.includes(attributeType.toUpperCase())) {
        throw new Error(`Invalid attribute type: "${attributeType}"`);
      }
    }
    i2 = skipWhitespace(xmlData, i2);
    let defaultValue = "";
    if (xmlData.substring(i2, i2 + 8).toUpperCase() === "#REQUIRED") {
      defaultValue = "#REQUIRED";
      i2 += 8;
    } else if (xmlData.substring(i2, i2 + 7).toUpperCase() === "#IMPLIED") {
      defaultValue = "#IMPLIED";
      i2 += 7;
    } else {
      [i2, defaultValue] = this.readIdentifierVal(xmlData, i2, "ATTLIST");
    }
    return {
      elementName,
      attributeName,
      attributeType,
      defaultValue,
      index: i2
    };
  }
};
var skipWhitespace = (data, index) => {
  while (index < data.length && /\s/.test(data[index])) {
    index++;
  }
  return index;
};
function hasSeq(data, seq, i2) {
  for (let j = 0; j < seq.length; j++) {
    if (seq[j] !== data[i2 + j + 1]) return false;
  }
  return true;
}
function validateEntityName2(name, xmlVersion) {
  if (qName(name, { xmlVersion }))
    return name;
  else
    throw new Error(`Invalid entity name ${name}`);
}

// node_modules/anynum/digitTable.js
var SCRIPT_ZEROS = [
  // Basic Latin (ASCII) — included for completeness / pass-through
  48,
  // 0-9
  // Arabic scripts
  1632,
  // Arabic-Indic ٠١٢٣٤٥٦٧٨٩
  1776,
  // Extended Arabic-Indic (Urdu/Persian/Sindhi) ۰۱۲۳
  // Indic scripts
  2406,
  // Devanagari ०१२३४५६७८९
  2534,
  // Bengali ০১২৩৪৫৬৭৮৯
  2662,
  // Gurmukhi ੦੧੨੩੪੫੬੭੮੯
  2790,
  // Gujarati ૦૧૨૩૪૫૬૭૮૯
  2918,
  // Odia ୦୧୨୩୪୫୬୭୮୯
  3046,
  // Tamil ௦௧௨௩௪௫௬௭௮௯
  3174,
  // Telugu ౦౧౨౩౪౫౬౭౮౯
  3302,
  // Kannada ೦೧೨೩೪೫೬೭೮೯
  3430,
  // Malayalam ൦൧൨൩൪൫൬൭൮൯
  3558,
  // Sinhala Archaic ෦෧෨෩෪෫෬෭෮෯
  // Southeast Asian scripts
  3664,
  // Thai ๐๑๒๓๔๕๖๗๘๙
  3792,
  // Lao ໐໑໒໓໔໕໖໗໘໙
  3872,
  // Tibetan ༠༡༢༣༤༥༦༧༨༩
  4160,
  // Myanmar ၀၁၂၃၄၅၆၇၈၉
  4240,
  // Myanmar Shan ႐႑႒႓႔႕႖႗႘႙
  6112,
  // Khmer ០១២៣៤៥៦៧៨៩
  6160,
  // Mongolian ᠐᠑᠒᠓᠔᠕᠖᠗᠘᠙
  6470,
  // Limbu ᥆᥇᥈᥉᥊᥋᥌᥍᥎᥏
  6608,
  // New Tai Lue ᧐᧑᧒᧓᧔᧕᧖᧗᧘᧙
  6784,
  // Tai Tham Hora ᪀᪁᪂᪃᪄᪅᪆᪇᪈᪉
  6800,
  // Tai Tham Tham ᪐᪑᪒᪓᪔᪕᪖᪗᪘᪙
  6992,
  // Balinese ᭐᭑᭒᭓᭔᭕᭖᭗᭘᭙
  7088,
  // Sundanese ᮰᮱᮲᮳᮴᮵᮶᮷᮸᮹
  7232,
  // Lepcha ᱀᱁᱂᱃᱄᱅᱆᱇᱈᱉
  7248,
  // Ol Chiki ᱐᱑᱒᱓᱔᱕᱖᱗᱘᱙
  // Fullwidth (CJK context)
  65296,
  // Fullwidth ０１２３４５６７８９
  // Mathematical digit variants (Unicode math block)
  120782,
  // Mathematical Bold
  120792,
  // Mathematical Double-Struck
  120802,
  // Mathematical Sans-Serif
  120812,
  // Mathematical Sans-Serif Bold
  120822,
  // Mathematical Monospace
  // Other scripts
  66720,
  // Osmanya 𐒠𐒡𐒢𐒣𐒤𐒥𐒦𐒧𐒨𐒩
  68912,
  // Hanifi Rohingya 𐴰𐴱𐴲𐴳𐴴𐴵𐴶𐴷𐴸𐴹
  69734,
  // Brahmi 𑁦𑁧𑁨𑁩𑁪𑁫𑁬𑁭𑁮𑁯
  69872,
  // Sora Sompeng 𑃰𑃱𑃲𑃳𑃴𑃵𑃶𑃷𑃸𑃹
  69942,
  // Chakma 𑄶𑄷𑄸𑄹𑄺𑄻𑄼𑄽𑄾𑄿
  70096,
  // Sharada 𑇐𑇑𑇒𑇓𑇔𑇕𑇖𑇗𑇘𑇙
  70384,
  // Khudawadi 𑋰𑋱𑋲𑋳𑋴𑋵𑋶𑋷𑋸𑋹
  70736,
  // Newa 𑑐𑑑𑑒𑑓𑑔𑑕𑑖𑑗𑑘𑑙
  70864,
  // Tirhuta 𑓐𑓑𑓒𑓓𑓔𑓕𑓖𑓗𑓘𑓙
  71248,
  // Modi 𑙐𑙑𑙒𑙓𑙔𑙕𑙖𑙗𑙘𑙙
  71360,
  // Takri 𑛀𑛁𑛂𑛃𑛄𑛅𑛆𑛇𑛈𑛉
  71472,
  // Ahom 𑜰𑜱𑜲𑜳𑜴𑜵𑜶𑜷𑜸𑜹
  71904,
  // Warang Citi 𑣠𑣡𑣢𑣣𑣤𑣥𑣦𑣧𑣨𑣩
  72016,
  // Dives Akuru 𑥐𑥑𑥒𑥓𑥔𑥕𑥖𑥗𑥘𑥙
  72688,
  // Khitan Small Script 𑯰𑯱𑯲𑯳𑯴𑯵𑯶𑯷𑯸𑯹
  72784,
  // Bhaiksuki 𑱐𑱑𑱒𑱓𑱔𑱕𑱖𑱗𑱘𑱙
  73040,
  // Masaram Gondi 𑵐𑵑𑵒𑵓𑵔𑵕𑵖𑵗𑵘𑵙
  73120,
  // Gunjala Gondi 𑶠𑶡𑶢𑶣𑶤𑶥𑶦𑶧𑶨𑶩
  73552,
  // Kawi 𑽐𑽑𑽒𑽓𑽔𑽕𑽖𑽗𑽘𑽙
  92768,
  // Mro 𖩠𖩡𖩢𖩣𖩤𖩥𖩦𖩧𖩨𖩩
  92864,
  // Tangsa 𖫀𖫁𖫂𖫃𖫄𖫅𖫆𖫇𖫈𖫉
  93008,
  // Pahawh Hmong 𖭐𖭑𖭒𖭓𖭔𖭕𖭖𖭗𖭘𖭙
  123200,
  // Nyiakeng Puachue Hmong 𞅀𞅁𞅂𞅃𞅄𞅅𞅆𞅇𞅈𞅉
  123632,
  // Wancho 𞋰𞋱𞋲𞋳𞋴𞋵𞋶𞋷𞋸𞋹
  124144,
  // Nag Mundari 𞓰𞓱𞓲𞓳𞓴𞓵𞓶𞓷𞓸𞓹
  125264,
  // Adlam 𞥐𞥑𞥒𞥓𞥔𞥕𞥖𞥗𞥘𞥙
  130032
  // Segmented digit symbols 🯰🯱🯲🯳🯴🯵🯶🯷🯸🯹
];
var NOT_DIGIT = 255;
var HIGH_MAP = /* @__PURE__ */ new Map();
var LOW_MAX = 65535;
var LOW_MIN = 1632;
var TABLE_OFFSET = LOW_MIN;
var TABLE_SIZE = LOW_MAX - LOW_MIN + 1;
var TABLE = new Uint8Array(TABLE_SIZE).fill(NOT_DIGIT);
for (const zero of SCRIPT_ZEROS) {
  for (let d = 0; d < 10; d++) {
    const cp = zero + d;
    if (cp <= LOW_MAX) {
      TABLE[cp - TABLE_OFFSET] = d;
    } else {
      HIGH_MAP.set(cp, d);
    }
  }
}

// node_modules/anynum/anynum.js
var CHAR_0 = 48;
var CHAR_9 = 57;
var CHAR_MINUS = 45;
var MINUS_SET = /* @__PURE__ */ new Set([8722, 65293, 65123]);
function anynum(str) {
  if (typeof str !== "string") return str;
  const len = str.length;
  if (len === 0) return str;
  let firstHit = -1;
  for (let i2 = 0; i2 < len; i2++) {
    const cc = str.charCodeAt(i2);
    if (cc >= CHAR_0 && cc <= CHAR_9 || cc === CHAR_MINUS) continue;
    if (cc < TABLE_OFFSET) {
      if (MINUS_SET.has(cc)) {
        firstHit = i2;
        break;
      }
      continue;
    }
    if (cc >= 55296 && cc <= 56319) {
      if (i2 + 1 < len) {
        const low = str.charCodeAt(i2 + 1);
        if (low >= 56320 && low <= 57343) {
          const cp = 65536 + (cc - 55296 << 10) + (low - 56320);
          if (HIGH_MAP.has(cp)) {
            firstHit = i2;
            break;
          }
        }
      }
      continue;
    }
    if (TABLE[cc - TABLE_OFFSET] !== NOT_DIGIT || MINUS_SET.has(cc)) {
      firstHit = i2;
      break;
    }
  }
  if (firstHit === -1) return str;
  const chars = [];
  if (firstHit > 0) chars.push(str.slice(0, firstHit));
  for (let i2 = firstHit; i2 < len; i2++) {
    const cc = str.charCodeAt(i2);
    if (cc >= CHAR_0 && cc <= CHAR_9 || cc === CHAR_MINUS) {
      chars.push(str[i2]);
      continue;
    }
    if (cc < TABLE_OFFSET) {
      chars.push(MINUS_SET.has(cc) ? "-" : str[i2]);
      continue;
    }
    if (cc >= 55296 && cc <= 56319) {
      if (i2 + 1 < len) {
        const low = str.charCodeAt(i2 + 1);
        if (low >= 56320 && low <= 57343) {
          const cp = 65536 + (cc - 55296 << 10) + (low - 56320);
          const d2 = HIGH_MAP.get(cp);
          if (d2 !== void 0) {
            chars.push(String.fromCharCode(d2 + 48));
            i2++;
            continue;
          }
        }
      }
      chars.push(str[i2]);
      continue;
    }
    if (MINUS_SET.has(cc)) {
      chars.push("-");
      continue;
    }
    const d = TABLE[cc - TABLE_OFFSET];
    chars.push(d !== NOT_DIGIT ? String.fromCharCode(d + 48) : str[i2]);
  }
  return chars.join("");
}
var anynum_default = anynum;

// node_modules/strnum/strnum.js
var hexRegex = /^[-+]?0x[a-fA-F0-9]+$/;
var binRegex = /^0b[01]+$/;
var octRegex = /^0o[0-7]+$/;
var numRegex = /^([\-\+])?(0*)([0-9]*(\.[0-9]*)?)$/;
var consider = {
  hex: true,
  binary: false,
  octal: false,
  leadingZeros: true,
  decimalPoint: ".",
  eNotation: true,
  //skipLike: /regex/,
  infinity: "original",
  // "null", "infinity" (Infinity type), "string" ("Infinity" (the string literal))
  unicode: false
};
function toNumber(str, options = {}) {
  options = Object.assign({}, consider, options);
  if (!str || typeof str !== "string") return str;
  let trimmedStr = str.trim();
  if (trimmedStr.length === 0) return str;
  else if (options.skipLike !== void 0 && options.skipLike.test(trimmedStr)) return str;
  else if (trimmedStr === "0") return 0;
  if (options.unicode) {
    trimmedStr = anynum_default(trimmedStr);
    if (trimmedStr === "0") return 0;
  }
  if (options.hex && hexRegex.test(trimmedStr)) {
    return parse_int(trimmedStr, 16);
  } else if (options.binary && binRegex.test(trimmedStr)) {
    return parse_int(trimmedStr, 2);
  } else if (options.octal && octRegex.test(trimmedStr)) {
    return parse_int(trimmedStr, 8);
  } else if (!isFinite(trimmedStr)) {
    const num = Number(trimmedStr);
    if (Number.isNaN(num)) return str;
    return handleInfinity(str, num, options);
  } else if (trimmedStr.includes("e") || trimmedStr.includes("E")) {
    return resolveEnotation(str, trimmedStr, options);
  } else {
    const match = numRegex.exec(trimmedStr);
    if (match) {
      const sign = match[1] || "";
      const leadingZeros = match[2];
      let numTrimmedByZeros = trimZeros(match[3]);
      const decimalAdjacentToLeadingZeros = sign ? (
        // 0., -00., 000.
        trimmedStr[leadingZeros.length + 1] === "."
      ) : trimmedStr[leadingZeros.length] === ".";
      if (!options.leadingZeros && (leadingZeros.length > 1 || leadingZeros.length === 1 && !decimalAdjacentToLeadingZeros)) {
        return str;
      } else {
        const num = Number(trimmedStr);
        const parsedStr = String(num);
        if (num === 0) return num;
        if (parsedStr.search(/[eE]/) !== -1) {
          if (options.eNotation) return num;
          else return str;
        } else if (trimmedStr.indexOf(".") !== -1) {
          if (parsedStr === "0") return num;
          else if (parsedStr === numTrimmedByZeros) return num;
          else if (parsedStr === `${sign}${numTrimmedByZeros}`) return num;
          else return str;
        }
        let n = leadingZeros ? numTrimmedByZeros : trimmedStr;
        if (leadingZeros) {
          return n === parsedStr || sign + n === parsedStr ? num : str;
        } else {
          return n === parsedStr || n === sign + parsedStr ? num : str;
        }
      }
    } else {
      return str;
    }
  }
}
var eNotationRegx = /^([-+])?(0*)(\d*(\.\d*)?[eE][-\+]?\d+)$/;
function resolveEnotation(str, trimmedStr, options) {
  if (!options.eNotation) return str;
  const notation = trimmedStr.match(eNotationRegx);
  if (notation) {
    let sign = notation[1] || "";
    const eChar = notation[3].indexOf("e") === -1 ? "E" : "e";
    const leadingZeros = notation[2];
    const eAdjacentToLeadingZeros = sign ? (
      // 0E.
      trimmedStr[leadingZeros.length + 1] === eChar
    ) : trimmedStr[leadingZeros.length] === eChar;
    if (leadingZeros.length > 1 && eAdjacentToLeadingZeros) return str;
    else if (leadingZeros.length === 1 && (notation[3].startsWith(`.${eChar}`) || notation[3][0] === eChar)) {
      return Number(trimmedStr);
    } else if (leadingZeros.length > 0) {
      if (options.leadingZeros && !eAdjacentToLeadingZeros) {
        return Number(trimmedStr);
      } else return str;
    } else {
      return Number(trimmedStr);
    }
  } else {
    return str;
  }
}
function trimZeros(numStr) {
  if (numStr && numStr.indexOf(".") !== -1) {
    let end = numStr.length;
    while (end > 0 && numStr.charCodeAt(end - 1) === 48) end--;
    numStr = numStr.slice(0, end);
    if (numStr === ".") numStr = "0";
    else if (numStr[0] === ".") numStr = "0" + numStr;
    else if (numStr[numStr.length - 1] === ".") numStr = numStr.substring(0, numStr.length - 1);
    return numStr;
  }
  return numStr;
}
function parse_int(numStr, base) {
  const str = numStr.trim();
  if (base === 2 || base === 8) numStr = str.substring(2);
  if (parseInt) return parseInt(numStr, base);
  else if (Number.parseInt) return Number.parseInt(numStr, base);
  else if (window && window.parseInt) return window.parseInt(numStr, base);
  else throw new Error("parseInt, Number.parseInt, window.parseInt are not supported");
}
function handleInfinity(str, num, options) {
  const isPositive = num === Infinity;
  switch (options.infinity.toLowerCase()) {
    case "null":
      return null;
    case "infinity":
      return num;
    // Return Infinity or -Infinity
    case "string":
      return isPositive ? "Infinity" : "-Infinity";
    case "original":
    default:
      return str;
  }
}

// node_modules/fast-xml-parser/src/ignoreAttributes.js
function getIgnoreAttributesFn(ignoreAttributes) {
  if (typeof ignoreAttributes === "function") {
    return ignoreAttributes;
  }
  if (Array.isArray(ignoreAttributes)) {
    return (attrName) => {
      for (const pattern of ignoreAttributes) {
        if (typeof pattern === "string" && attrName === pattern) {
          return true;
        }
        if (pattern instanceof RegExp && pattern.test(attrName)) {
          return true;
        }
      }
    };
  }
  return () => false;
}

// node_modules/path-expression-matcher/src/Expression.js
var Expression = class {
  /**
   * Create a new Expression
   * @param {string} pattern - Pattern string (e.g., "root.users.user", "..user[id]")
   * @param {Object} options - Configuration options
   * @param {string} options.separator - Path separator (default: '.')
   */
  constructor(pattern, options = {}, data) {
    this.pattern = pattern;
    this.separator = options.separator || ".";
    this.segments = this._parse(pattern);
    this.data = data;
    this._hasDeepWildcard = this.segments.some((seg) => seg.type === "deep-wildcard");
    this._hasAttributeCondition = this.segments.some((seg) => seg.attrName !== void 0);
    this._hasPositionSelector = this.segments.some((seg) => seg.position !== void 0);
  }
  /**
   * Parse pattern string into segments
   * @private
   * @param {string} pattern - Pattern to parse
   * @returns {Array} Array of segment objects
   */
  _parse(pattern) {
    const segments = [];
    let i2 = 0;
    let currentPart = "";
    while (i2 < pattern.length) {
      if (pattern[i2] === this.separator) {
        if (i2 + 1 < pattern.length && pattern[i2 + 1] === this.separator) {
          if (currentPart.trim()) {
            segments.push(this._parseSegment(currentPart.trim()));
            currentPart = "";
          }
          segments.push({ type: "deep-wildcard" });
          i2 += 2;
        } else {
          if (currentPart.trim()) {
            segments.push(this._parseSegment(currentPart.trim()));
          }
          currentPart = "";
          i2++;
        }
      } else {
        currentPart += pattern[i2];
        i2++;
      }
    }
    if (currentPart.trim()) {
      segments.push(this._parseSegment(currentPart.trim()));
    }
    return segments;
  }
  /**
   * Parse a single segment
   * @private
   * @param {string} part - Segment string (e.g., "user", "ns::user", "user[id]", "ns::user:first")
   * @returns {Object} Segment object
   */
  _parseSegment(part) {
    const segment = { type: "tag" };
    let bracketContent = null;
    let withoutBrackets = part;
    const bracketMatch = part.match(/^([^\[]+)(\[[^\]]*\])(.*)$/);
    if (bracketMatch) {
      withoutBrackets = bracketMatch[1] + bracketMatch[3];
      if (bracketMatch[2]) {
        const content = bracketMatch[2].slice(1, -1);
        if (content) {
          bracketContent = content;
        }
      }
    }
    let namespace = void 0;
    let tagAndPosition = withoutBrackets;
    if (withoutBrackets.includes("::")) {
      const nsIndex = withoutBrackets.indexOf("::");
      namespace = withoutBrackets.substring(0, nsIndex).trim();
      tagAndPosition = withoutBrackets.substring(nsIndex + 2).trim();
      if (!namespace) {
        throw new Error(`Invalid namespace in pattern: ${part}`);
      }
    }
    let tag = void 0;
    let positionMatch = null;
    if (tagAndPosition.includes(":")) {
      const colonIndex = tagAndPosition.lastIndexOf(":");
      const tagPart = tagAndPosition.substring(0, colonIndex).trim();
      const posPart = tagAndPosition.substring(colonIndex + 1).trim();
      const isPositionKeyword = ["first", "last", "odd", "even"].includes(posPart) || /^nth\(\d+\)$/.test(posPart);
      if (isPositionKeyword) {
        tag = tagPart;
        positionMatch = posPart;
      } else {
        tag = tagAndPosition;
      }
    } else {
      tag = tagAndPosition;
    }
    if (!tag) {
      throw new Error(`Invalid segment pattern: ${part}`);
    }
    segment.tag = tag;
    if (namespace) {
      segment.namespace = namespace;
    }
    if (bracketContent) {
      if (bracketContent.includes("=")) {
        const eqIndex = bracketContent.indexOf("=");
        segment.attrName = bracketContent.substring(0, eqIndex).trim();
        segment.attrValue = bracketContent.substring(eqIndex + 1).trim();
      } else {
        segment.attrName = bracketContent.trim();
      }
    }
    if (positionMatch) {
      const nthMatch = positionMatch.match(/^nth\((\d+)\)$/);
      if (nthMatch) {
        segment.position = "nth";
        segment.positionValue = parseInt(nthMatch[1], 10);
      } else {
        segment.position = positionMatch;
      }
    }
    return segment;
  }
  /**
   * Get the number of segments
   * @returns {number}
   */
  get length() {
    return this.segments.length;
  }
  /**
   * Check if expression contains deep wildcard
   * @returns {boolean}
   */
  hasDeepWildcard() {
    return this._hasDeepWildcard;
  }
  /**
   * Check if expression has attribute conditions
   * @returns {boolean}
   */
  hasAttributeCondition() {
    return this._hasAttributeCondition;
  }
  /**
   * Check if expression has position selectors
   * @returns {boolean}
   */
  hasPositionSelector() {
    return this._hasPositionSelector;
  }
  /**
   * Get string representation
   * @returns {string}
   */
  toString() {
    return this.pattern;
  }
};

// node_modules/path-expression-matcher/src/ExpressionSet.js
var ExpressionSet = class {
  constructor() {
    this._byDepthAndTag = /* @__PURE__ */ new Map();
    this._wildcardByDepth = /* @__PURE__ */ new Map();
    this._deepWildcards = [];
    this._deepByTerminalTag = /* @__PURE__ */ new Map();
    this._patterns = /* @__PURE__ */ new Set();
    this._sealed = false;
  }
  /**
   * Add an Expression to the set.
   * Duplicate patterns (same pattern string) are silently ignored.
   *
   * @param {import('./Expression.js').default} expression - A pre-constructed Expression instance
   * @returns {this} for chaining
   * @throws {TypeError} if called after seal()
   *
   * @example
   * set.add(new Expression('root.users.user'));
   * set.add(new Expression('..script'));
   */
  add(expression2) {
    if (this._sealed) {
      throw new TypeError(
        "ExpressionSet is sealed. Create a new ExpressionSet to add more expressions."
      );
    }
    if (this._patterns.has(expression2.pattern)) return this;
    this._patterns.add(expression2.pattern);
    if (expression2.hasDeepWildcard()) {
      const lastSeg2 = expression2.segments[expression2.segments.length - 1];
      if (lastSeg2 && lastSeg2.type !== "deep-wildcard" && lastSeg2.tag !== "*") {
        const tag2 = lastSeg2.tag;
        if (!this._deepByTerminalTag.has(tag2)) this._deepByTerminalTag.set(tag2, []);
        this._deepByTerminalTag.get(tag2).push(expression2);
      } else {
        this._deepWildcards.push(expression2);
      }
      return this;
    }
    const depth = expression2.length;
    const lastSeg = expression2.segments[expression2.segments.length - 1];
    const tag = lastSeg?.tag;
    if (!tag || tag === "*") {
      if (!this._wildcardByDepth.has(depth)) this._wildcardByDepth.set(depth, []);
      this._wildcardByDepth.get(depth).push(expression2);
    } else {
      const key = `${depth}:${tag}`;
      if (!this._byDepthAndTag.has(key)) this._byDepthAndTag.set(key, []);
      this._byDepthAndTag.get(key).push(expression2);
    }
    return this;
  }
  /**
   * Add multiple expressions at once.
   *
   * @param {import('./Expression.js').default[]} expressions - Array of Expression instances
   * @returns {this} for chaining
   *
   * @example
   * set.addAll([
   *   new Expression('root.users.user'),
   *   new Expression('root.config.setting'),
   * ]);
   */
  addAll(expressions) {
    for (const expr of expressions) this.add(expr);
    return this;
  }
  /**
   * Check whether a pattern string is already present in the set.
   *
   * @param {import('./Expression.js').default} expression
   * @returns {boolean}
   */
  has(expression2) {
    return this._patterns.has(expression2.pattern);
  }
  /**
   * Number of expressions in the set.
   * @type {number}
   */
  get size() {
    return this._patterns.size;
  }
  /**
   * Seal the set against further modifications.
   * Useful to prevent accidental mutations after config is built.
   * Calling add() or addAll() on a sealed set throws a TypeError.
   *
   * @returns {this}
   */
  seal() {
    this._sealed = true;
    return this;
  }
  /**
   * Whether the set has been sealed.
   * @type {boolean}
   */
  get isSealed() {
    return this._sealed;
  }
  /**
   * Test whether the matcher's current path matches any expression in the set.
   *
   * Evaluation order (cheapest → most expensive):
   *  1. Exact depth + tag bucket  — O(1) lookup, typically 0–2 expressions
   *  2. Depth-only wildcard bucket — O(1) lookup, rare
   *  3. Deep-wildcard list         — always checked, but usually small
   *
   * @param {import('./Matcher.js').default} matcher - Matcher instance (or readOnly view)
   * @returns {boolean} true if any expression matches the current path
   *
   * @example
   * if (stopNodes.matchesAny(matcher)) {
   *   // handle stop node
   * }
   */
  matchesAny(matcher) {
    return this.findMatch(matcher) !== null;
  }
  /**
  * Find and return the first Expression that matches the matcher's current path.
  *
  * Uses the same evaluation order as matchesAny (cheapest → most expensive):
  *  1. Exact depth + tag bucket
  *  2. Depth-only wildcard bucket
  *  3. Deep-wildcard list
  *
  * @param {import('./Matcher.js').default} matcher - Matcher instance (or readOnly view)
  * @returns {import('./Expression.js').default | null} the first matching Expression, or null
  *
  * @example
  * const expr = stopNodes.findMatch(matcher);
  * if (expr) {
  *   // access expr.config, expr.pattern, etc.
  * }
  */
  findMatch(matcher) {
    const depth = matcher.getDepth();
    const tag = matcher.getCurrentTag();
    const exactKey = `${depth}:${tag}`;
    const exactBucket = this._byDepthAndTag.get(exactKey);
    if (exactBucket) {
      for (let i2 = 0; i2 < exactBucket.length; i2++) {
        if (matcher.matches(exactBucket[i2])) return exactBucket[i2];
      }
    }
    const wildcardBucket = this._wildcardByDepth.get(depth);
    if (wildcardBucket) {
      for (let i2 = 0; i2 < wildcardBucket.length; i2++) {
        if (matcher.matches(wildcardBucket[i2])) return wildcardBucket[i2];
      }
    }
    const deepBucket = this._deepByTerminalTag.get(tag);
    if (deepBucket) {
      for (let i2 = 0; i2 < deepBucket.length; i2++) {
        if (matcher.matches(deepBucket[i2])) return deepBucket[i2];
      }
    }
    for (let i2 = 0; i2 < this._deepWildcards.length; i2++) {
      if (matcher.matches(this._deepWildcards[i2])) return this._deepWildcards[i2];
    }
    return null;
  }
};

// node_modules/path-expression-matcher/src/Matcher.js
var MatcherView = class {
  /**
   * @param {Matcher} matcher - The parent Matcher instance to read from.
   */
  constructor(matcher) {
    this._matcher = matcher;
  }
  /**
   * Get the path separator used by the parent matcher.
   * @returns {string}
   */
  get separator() {
    return this._matcher.separator;
  }
  /**
   * Get current tag name.
   * @returns {string|undefined}
   */
  getCurrentTag() {
    const path = this._matcher.path;
    return path.length > 0 ? path[path.length - 1].tag : void 0;
  }
  /**
   * Get current namespace.
   * @returns {string|undefined}
   */
  getCurrentNamespace() {
    const path = this._matcher.path;
    return path.length > 0 ? path[path.length - 1].namespace : void 0;
  }
  /**
   * Get current node's attribute value.
   * @param {string} attrName
   * @returns {*}
   */
  getAttrValue(attrName) {
    const path = this._matcher.path;
    if (path.length === 0) return void 0;
    return path[path.length - 1].values?.[attrName];
  }
  /**
   * Check if current node has an attribute.
   * @param {string} attrName
   * @returns {boolean}
   */
  hasAttr(attrName) {
    const path = this._matcher.path;
    if (path.length === 0) return false;
    const current = path[path.length - 1];
    return current.values !== void 0 && attrName in current.values;
  }
  /**
   * Get the value of a "kept" attribute from the nearest ancestor (or
   * current node) that declared it via `push(tag, attrs, ns, { keep: [...] })`.
   * @param {string} attrName
   * @returns {*}
   */
  getAnyParentAttr(attrName) {
    return this._matcher.getAnyParentAttr(attrName);
  }
  /**
   * Check whether any ancestor (or the current node) kept the given
   * attribute via `push(tag, attrs, ns, { keep: [...] })`.
   * @param {string} attrName
   * @returns {boolean}
   */
  hasAnyParentAttr(attrName) {
    return this._matcher.hasAnyParentAttr(attrName);
  }
  /**
   * Get current node's sibling position (child index in parent).
   * @returns {number}
   */
  getPosition() {
    const path = this._matcher.path;
    if (path.length === 0) return -1;
    return path[path.length - 1].position ?? 0;
  }
  /**
   * Get current node's repeat counter (occurrence count of this tag name).
   * @returns {number}
   */
  getCounter() {
    const path = this._matcher.path;
    if (path.length === 0) return -1;
    return path[path.length - 1].counter ?? 0;
  }
  /**
   * Get current node's sibling index (alias for getPosition).
   * @returns {number}
   * @deprecated Use getPosition() or getCounter() instead
   */
  getIndex() {
    return this.getPosition();
  }
  /**
   * Get current path depth.
   * @returns {number}
   */
  getDepth() {
    return this._matcher.path.length;
  }
  /**
   * Get path as string.
   * @param {string} [separator] - Optional separator (uses default if not provided)
   * @param {boolean} [includeNamespace=true]
   * @returns {string}
   */
  toString(separator, includeNamespace = true) {
    return this._matcher.toString(separator, includeNamespace);
  }
  /**
   * Get path as array of tag names.
   * @returns {string[]}
   */
  toArray() {
    return this._matcher.path.map((n) => n.tag);
  }
  /**
   * Match current path against an Expression.
   * @param {Expression} expression
   * @returns {boolean}
   */
  matches(expression2) {
    return this._matcher.matches(expression2);
  }
  /**
   * Match any expression in the given set against the current path.
   * @param {ExpressionSet} exprSet
   * @returns {boolean}
   */
  matchesAny(exprSet) {
    return exprSet.matchesAny(this._matcher);
  }
};
var Matcher = class {
  /**
   * Create a new Matcher.
   * @param {Object} [options={}]
   * @param {string} [options.separator='.'] - Default path separator
   */
  constructor(options = {}) {
    this.separator = options.separator || ".";
    this.path = [];
    this.siblingStacks = [];
    this._pathStringCache = null;
    this._view = new MatcherView(this);
    this._keptAttrs = [];
  }
  /**
   * Push a new tag onto the path.
   * @param {string} tagName
   * @param {Object|null} [attrValues=null]
   * @param {string|null} [namespace=null]
   * @param {Object|null} [options=null]
   * @param {string[]} [options.keep] - Names of attributes (from attrValues)
   */
  push(tagName, attrValues = null, namespace = null, options = null) {
    this._pathStringCache = null;
    if (this.path.length > 0) {
      this.path[this.path.length - 1].values = void 0;
    }
    const currentLevel = this.path.length;
    let level = this.siblingStacks[currentLevel];
    if (!level) {
      level = { counts: /* @__PURE__ */ new Map(), total: 0 };
      this.siblingStacks[currentLevel] = level;
    }
    const siblingKey = namespace ? `${namespace}:${tagName}` : tagName;
    const counter = level.counts.get(siblingKey) || 0;
    const position = level.total;
    level.counts.set(siblingKey, counter + 1);
    level.total++;
    const node = {
      tag: tagName,
      position,
      counter
    };
    if (namespace !== null && namespace !== void 0) {
      node.namespace = namespace;
    }
    if (attrValues !== null && attrValues !== void 0) {
      node.values = attrValues;
    }
    this.path.push(node);
    const depth = this.path.length;
    const keep = options !== null ? options.keep : null;
    if (keep !== null && keep !== void 0 && keep.length > 0 && attrValues) {
      for (let i2 = 0; i2 < keep.length; i2++) {
        const name = keep[i2];
        if (attrValues[name] !== void 0) {
          this._keptAttrs.push({ depth, name, value: attrValues[name] });
        }
      }
    }
  }
  /**
   * Pop the last tag from the path.
   * @returns {Object|undefined} The popped node
   */
  pop() {
    if (this.path.length === 0) return void 0;
    this._pathStringCache = null;
    const node = this.path.pop();
    if (this.siblingStacks.length > this.path.length + 1) {
      this.siblingStacks.length = this.path.length + 1;
    }
    const poppedDepth = this.path.length + 1;
    while (this._keptAttrs.length > 0 && this._keptAttrs[this._keptAttrs.length - 1].depth >= poppedDepth) {
      this._keptAttrs.pop();
    }
    return node;
  }
  /**
   * Update current node's attribute values.
   * Useful when attributes are parsed after push.
   * @param {Object} attrValues
   */
  updateCurrent(attrValues) {
    if (this.path.length > 0) {
      const current = this.path[this.path.length - 1];
      if (attrValues !== null && attrValues !== void 0) {
        current.values = attrValues;
      }
    }
  }
  /**
   * Get current tag name.
   * @returns {string|undefined}
   */
  getCurrentTag() {
    return this.path.length > 0 ? this.path[this.path.length - 1].tag : void 0;
  }
  /**
   * Get current namespace.
   * @returns {string|undefined}
   */
  getCurrentNamespace() {
    return this.path.length > 0 ? this.path[this.path.length - 1].namespace : void 0;
  }
  /**
   * Get current node's attribute value.
   * @param {string} attrName
   * @returns {*}
   */
  getAttrValue(attrName) {
    if (this.path.length === 0) return void 0;
    return this.path[this.path.length - 1].values?.[attrName];
  }
  /**
   * Check if current node has an attribute.
   * @param {string} attrName
   * @returns {boolean}
   */
  hasAttr(attrName) {
    if (this.path.length === 0) return false;
    const current = this.path[this.path.length - 1];
    return current.values !== void 0 && attrName in current.values;
  }
  /**
   * Get the value of a "kept" attribute from the nearest ancestor (or
   * current node) that declared it via `push(tag, attrs, ns, { keep: [...] })`.
   * Unlike getAttrValue(), this works regardless of how deep the path has
   * gone since the attribute was pushed — but only for attribute names that
   * were explicitly marked with `keep` at push time. Cost is proportional to
   * the number of currently-kept attributes (typically 0-3), not path depth.
   * @param {string} attrName
   * @returns {*} the value, or undefined if no ancestor kept this attribute
   */
  getAnyParentAttr(attrName) {
    const kept = this._keptAttrs;
    for (let i2 = kept.length - 1; i2 >= 0; i2--) {
      if (kept[i2].name === attrName) return kept[i2].value;
    }
    return void 0;
  }
  /**
   * Check whether any ancestor (or the current node) kept the given
   * attribute via `push(tag, attrs, ns, { keep: [...] })`.
   * @param {string} attrName
   * @returns {boolean}
   */
  hasAnyParentAttr(attrName) {
    const kept = this._keptAttrs;
    for (let i2 = kept.length - 1; i2 >= 0; i2--) {
      if (kept[i2].name === attrName) return true;
    }
    return false;
  }
  /**
   * Get current node's sibling position (child index in parent).
   * @returns {number}
   */
  getPosition() {
    if (this.path.length === 0) return -1;
    return this.path[this.path.length - 1].position ?? 0;
  }
  /**
   * Get current node's repeat counter (occurrence count of this tag name).
   * @returns {number}
   */
  getCounter() {
    if (this.path.length === 0) return -1;
    return this.path[this.path.length - 1].counter ?? 0;
  }
  /**
   * Get current node's sibling index (alias for getPosition).
   * @returns {number}
   * @deprecated Use getPosition() or getCounter() instead
   */
  getIndex() {
    return this.getPosition();
  }
  /**
   * Get current path depth.
   * @returns {number}
   */
  getDepth() {
    return this.path.length;
  }
  /**
   * Get path as string.
   * @param {string} [separator] - Optional separator (uses default if not provided)
   * @param {boolean} [includeNamespace=true]
   * @returns {string}
   */
  toString(separator, includeNamespace = true) {
    const sep2 = separator || this.separator;
    const isDefault = sep2 === this.separator && includeNamespace === true;
    if (isDefault) {
      if (this._pathStringCache !== null) {
        return this._pathStringCache;
      }
      const result = this.path.map(
        (n) => n.namespace ? `${n.namespace}:${n.tag}` : n.tag
      ).join(sep2);
      this._pathStringCache = result;
      return result;
    }
    return this.path.map(
      (n) => includeNamespace && n.namespace ? `${n.namespace}:${n.tag}` : n.tag
    ).join(sep2);
  }
  /**
   * Get path as array of tag names.
   * @returns {string[]}
   */
  toArray() {
    return this.path.map((n) => n.tag);
  }
  /**
   * Reset the path to empty.
   */
  reset() {
    this._pathStringCache = null;
    this.path = [];
    this.siblingStacks = [];
    this._keptAttrs = [];
  }
  /**
   * Match current path against an Expression.
   * @param {Expression} expression
   * @returns {boolean}
   */
  matches(expression2) {
    const segments = expression2.segments;
    if (segments.length === 0) {
      return false;
    }
    if (expression2.hasDeepWildcard()) {
      return this._matchWithDeepWildcard(segments);
    }
    return this._matchSimple(segments);
  }
  /**
   * @private
   */
  _matchSimple(segments) {
    if (this.path.length !== segments.length) {
      return false;
    }
    for (let i2 = 0; i2 < segments.length; i2++) {
      if (!this._matchSegment(segments[i2], this.path[i2], i2 === this.path.length - 1)) {
        return false;
      }
    }
    return true;
  }
  /**
   * @private
   */
  _matchWithDeepWildcard(segments) {
    let pathIdx = this.path.length - 1;
    let segIdx = segments.length - 1;
    while (segIdx >= 0 && pathIdx >= 0) {
      const segment = segments[segIdx];
      if (segment.type === "deep-wildcard") {
        segIdx--;
        if (segIdx < 0) {
          return true;
        }
        const nextSeg = segments[segIdx];
        let found = false;
        for (let i2 = pathIdx; i2 >= 0; i2--) {
          if (this._matchSegment(nextSeg, this.path[i2], i2 === this.path.length - 1)) {
            pathIdx = i2 - 1;
            segIdx--;
            found = true;
            break;
          }
        }
        if (!found) {
          return false;
        }
      } else {
        if (!this._matchSegment(segment, this.path[pathIdx], pathIdx === this.path.length - 1)) {
          return false;
        }
        pathIdx--;
        segIdx--;
      }
    }
    return segIdx < 0;
  }
  /**
   * @private
   */
  _matchSegment(segment, node, isCurrentNode) {
    if (segment.tag !== "*" && segment.tag !== node.tag) {
      return false;
    }
    if (segment.namespace !== void 0) {
      if (segment.namespace !== "*" && segment.namespace !== node.namespace) {
        return false;
      }
    }
    if (segment.attrName !== void 0) {
      if (!isCurrentNode) {
        return false;
      }
      if (!node.values || !(segment.attrName in node.values)) {
        return false;
      }
      if (segment.attrValue !== void 0) {
        if (String(node.values[segment.attrName]) !== String(segment.attrValue)) {
          return false;
        }
      }
    }
    if (segment.position !== void 0) {
      if (!isCurrentNode) {
        return false;
      }
      const counter = node.counter ?? 0;
      if (segment.position === "first" && counter !== 0) {
        return false;
      } else if (segment.position === "odd" && counter % 2 !== 1) {
        return false;
      } else if (segment.position === "even" && counter % 2 !== 0) {
        return false;
      } else if (segment.position === "nth" && counter !== segment.positionValue) {
        return false;
      }
    }
    return true;
  }
  /**
   * Match any expression in the given set against the current path.
   * @param {ExpressionSet} exprSet
   * @returns {boolean}
   */
  matchesAny(exprSet) {
    return exprSet.matchesAny(this);
  }
  /**
   * Create a snapshot of current state.
   * @returns {Object}
   */
  snapshot() {
    return {
      path: this.path.map((node) => ({ ...node })),
      siblingStacks: this.siblingStacks.map((level) => level ? { counts: new Map(level.counts), total: level.total } : level),
      keptAttrs: this._keptAttrs.map((entry) => ({ ...entry }))
    };
  }
  /**
   * Restore state from snapshot.
   * @param {Object} snapshot
   */
  restore(snapshot) {
    this._pathStringCache = null;
    this.path = snapshot.path.map((node) => ({ ...node }));
    this.siblingStacks = snapshot.siblingStacks.map((level) => level ? { counts: new Map(level.counts), total: level.total } : level);
    this._keptAttrs = (snapshot.keptAttrs || []).map((entry) => ({ ...entry }));
  }
  /**
   * Return the read-only {@link MatcherView} for this matcher.
   *
   * The same instance is returned on every call — no allocation occurs.
   * It always reflects the current parser state and is safe to pass to
   * user callbacks without risk of accidental mutation.
   *
   * @returns {MatcherView}
   *
   * @example
   * const view = matcher.readOnly();
   * // pass view to callbacks — it stays in sync automatically
   * view.matches(expr);       // ✓
   * view.getCurrentTag();     // ✓
   * // view.push(...)         // ✗ method does not exist — caught by TypeScript
   */
  readOnly() {
    return this._view;
  }
};

// node_modules/is-unsafe/src/contexts/html.js
var HTML_PATTERNS = [
  {
    id: "html-script-open",
    description: "<script opening tag",
    pattern: /<script[\s>/]/i
  },
  {
    id: "html-script-close",
    description: "</script closing tag",
    pattern: /<\/script[\s>]/i
  },
  {
    id: "html-javascript-protocol",
    description: "javascript: URI scheme (with optional whitespace/encoding)",
    // Handles j&#x61;vascript:, j\u0061vascript:, and whitespace variants
    pattern: /j[\t\n\r ]*a[\t\n\r ]*v[\t\n\r ]*a[\t\n\r ]*s[\t\n\r ]*c[\t\n\r ]*r[\t\n\r ]*i[\t\n\r ]*p[\t\n\r ]*t[\t\n\r ]*:/i
  },
  {
    id: "html-vbscript-protocol",
    description: "vbscript: URI scheme",
    pattern: /vbscript[\t\n\r ]*:/i
  },
  {
    id: "html-data-html",
    description: "data:text/html URI \u2014 can execute scripts in browsers",
    pattern: /data[\t\n\r ]*:[\t\n\r ]*text\/html/i
  },
  {
    id: "html-data-xhtml",
    description: "data:application/xhtml+xml URI",
    pattern: /data[\t\n\r ]*:[\t\n\r ]*application\/xhtml/i
  },
  {
    id: "html-data-svg",
    description: "data:image/svg+xml URI \u2014 can execute scripts",
    pattern: /data[\t\n\r ]*:[\t\n\r ]*image\/svg\+xml/i
  },
  {
    id: "html-inline-event-handler",
    description: "Inline event handler attributes: onclick=, onerror=, onload=, etc.",
    // \bon ensures we match a word boundary so "phonetic=" is not caught
    pattern: /\bon\w{1,30}\s*=/i
  },
  {
    id: "html-entity-obfuscated-script",
    description: "HTML-entity-encoded <script (e.g. &#x3C;script or &lt;script)",
    // Entities include optional trailing semicolon: &#x3C; or &#x3C (both valid in HTML5)
    pattern: /(?:&#x0*3[Cc];?|&#0*60;?|&lt;)\s*script/i
  },
  {
    id: "html-entity-obfuscated-javascript",
    description: 'HTML-entity-encoded javascript: (partial \u2014 catches common &#106; or &#x6a; for "j")',
    pattern: /(?:&#x0*6[Aa];?|&#0*106;?)\s*(?:&#x0*61;?|a)[\s\S]{0,80}script\s*:/i
  },
  {
    id: "html-style-expression",
    description: "CSS expression() \u2014 IE-era code execution in style attributes",
    pattern: /style[\s\S]{0,20}expression\s*\(/i
  },
  {
    id: "html-object-embed",
    description: "<object or <embed tags that can load active content",
    pattern: /<(?:object|embed)[\s>/]/i
  },
  {
    id: "html-base-tag",
    description: "<base href= \u2014 can hijack all relative URLs on a page",
    pattern: /<base[\s>]/i
  },
  {
    id: "html-meta-refresh",
    description: '<meta http-equiv="refresh" \u2014 can redirect users',
    pattern: /<meta[\s\S]{0,40}http-equiv[\s\S]{0,20}refresh/i
  },
  {
    id: "html-srcdoc",
    description: "srcdoc= attribute on iframes \u2014 embeds HTML that can run scripts",
    pattern: /srcdoc\s*=/i
  },
  {
    id: "html-iframe",
    description: "<iframe tag",
    pattern: /<iframe[\s>/]/i
  },
  {
    id: "html-form",
    description: "<form tag \u2014 can be used for phishing / credential harvesting injection",
    pattern: /<form[\s>/]/i
  }
];
var html_default = HTML_PATTERNS;

// node_modules/is-unsafe/src/contexts/xml.js
var XML_PATTERNS = [
  {
    id: "xml-cdata-injection",
    description: "CDATA section injection: <![CDATA[ breaks out of text node context",
    pattern: /<!\[CDATA\[/i
  },
  {
    id: "xml-cdata-close",
    description: "CDATA close sequence: ]]> can terminate an enclosing CDATA section",
    pattern: /\]\]>/
  },
  {
    id: "xml-processing-instruction",
    description: "XML processing instruction: <?xml-stylesheet or <?php etc.",
    pattern: /<\?(?:xml[\- ]|php|asp)/i
  },
  {
    id: "xml-doctype-injection",
    description: "DOCTYPE declaration embedded in content \u2014 can define entities",
    // Match <!DOCTYPE followed by end-of-string, whitespace, or [ (internal subset)
    pattern: /<!DOCTYPE(?:[\s[]|$)/i
  },
  {
    id: "xml-entity-system",
    description: "SYSTEM keyword \u2014 used in external entity declarations (XXE)",
    pattern: /\bSYSTEM\s+["']/i
  },
  {
    id: "xml-entity-public",
    description: "PUBLIC keyword \u2014 used in external entity declarations (XXE)",
    pattern: /\bPUBLIC\s+["']/i
  },
  {
    id: "xml-entity-declaration",
    description: "<!ENTITY declaration \u2014 defines entities, potential XXE or entity expansion",
    pattern: /<!ENTITY[\s%]/i
  },
  {
    id: "xml-billion-laughs",
    description: "Entity reference chaining / billion laughs: repeated &eX; style references",
    // Heuristic: 3+ consecutive entity refs suggests expansion attack
    pattern: /(?:&\w{1,20};){3,}/
  },
  {
    id: "xml-namespace-confusion",
    description: "xmlns: attribute injection \u2014 can redefine namespaces to confuse parsers",
    // pattern: /\bxmlns\s*(?::\w{1,40})?\s*=/i,
    pattern: /\bxmlns(?::\w{1,40})?\s*=/i
  },
  {
    id: "xml-comment-injection",
    description: "<!-- comment injection \u2014 can hide content from some parsers",
    pattern: /<!--/
  },
  {
    id: "xml-comment-close",
    description: "--> closes an enclosing XML comment",
    pattern: /-->/
  },
  {
    id: "xml-pi-close",
    description: "?> closes an enclosing processing instruction",
    pattern: /\?>/
  }
];
var xml_default = XML_PATTERNS;

// node_modules/is-unsafe/src/contexts/svg.js
var SVG_PATTERNS = [
  {
    id: "svg-script-element",
    description: "<script element inside SVG executes JavaScript",
    pattern: /<script[\s>/]/i
  },
  {
    id: "svg-xlink-href-javascript",
    description: "xlink:href with javascript: \u2014 classic SVG XSS via <a> or <use>",
    pattern: /xlink\s*:\s*href\s*=\s*["']?\s*javascript\s*:/i
  },
  {
    id: "svg-href-javascript",
    description: "href= with javascript: in SVG context (<a>, <animate>, etc.)",
    pattern: /href\s*=\s*["']?\s*javascript\s*:/i
  },
  {
    id: "svg-foreignobject",
    description: "<foreignObject embeds HTML inside SVG \u2014 can execute scripts",
    pattern: /<foreignObject[\s>/]/i
  },
  {
    id: "svg-use-external",
    description: "<use xlink:href or href pointing to external resource (non-fragment URL)",
    // Match <use with href= where the value starts with a non-# character (external URL)
    // [\"'][^#] catches quoted values not starting with #; [^\"'#\s>] catches unquoted
    pattern: /<use[\s\S]{0,60}(?:xlink\s*:\s*)?href\s*=\s*(?:["'][^#]|[^"'#\s>])/i
  },
  {
    id: "svg-animate-href",
    description: '<animate attributeName="href" \u2014 can dynamically change href to javascript:',
    pattern: /<animate[\s\S]{0,80}attributeName\s*=\s*["'][\s]*href["']/i
  },
  {
    id: "svg-animate-xlinkhref",
    description: '<animate attributeName="xlink:href"',
    pattern: /<animate[\s\S]{0,80}attributeName\s*=\s*["'][\s]*xlink\s*:\s*href["']/i
  },
  {
    id: "svg-set-javascript",
    description: '<set to="javascript:..." \u2014 sets an attribute to a javascript: URI',
    pattern: /<set[\s\S]{0,80}to\s*=\s*["']?\s*javascript\s*:/i
  },
  {
    id: "svg-event-handler",
    description: "SVG-specific event handler attributes: onload=, onerror=, onactivate=, etc.",
    pattern: /\bon(?:load|error|activate|begin|end|repeat|focus|blur|click|mouse\w{1,20}|key\w{1,20})\s*=/i
  },
  {
    id: "svg-handler-generic",
    description: "Generic on* handler catch-all for SVG attributes",
    pattern: /\bon\w{1,30}\s*=/i
  },
  {
    id: "svg-filter-feimage",
    description: "<feImage href= \u2014 filter primitive that can load external resources",
    pattern: /<feImage[\s\S]{0,80}(?:xlink\s*:\s*)?href\s*=/i
  },
  {
    id: "svg-image-external",
    description: "<image xlink:href with http/https or javascript protocol",
    pattern: /<image[\s\S]{0,80}(?:xlink\s*:\s*)?href\s*=\s*["']?\s*(?:https?|javascript)\s*:/i
  },
  {
    id: "svg-style-javascript",
    description: "style= attribute containing javascript: (e.g. background:url(javascript:...))",
    pattern: /style\s*=[\s\S]{0,60}javascript\s*:/i
  }
];
var svg_default = SVG_PATTERNS;

// node_modules/is-unsafe/src/contexts/sql.js
var SQL_PATTERNS = [
  {
    id: "sql-block-comment-open",
    description: "SQL block comment open: /* ... */ \u2014 unusual in legitimate user text",
    pattern: /\/\*/
  },
  {
    id: "sql-union-select",
    description: "UNION SELECT \u2014 most common SQL injection aggregation attack",
    pattern: /\bUNION\s{1,20}(?:ALL\s{1,20})?SELECT\b/i
  },
  {
    id: "sql-drop-table",
    description: "DROP TABLE \u2014 destructive DDL injection",
    pattern: /\bDROP\s{1,20}TABLE\b/i
  },
  {
    id: "sql-drop-database",
    description: "DROP DATABASE \u2014 destructive DDL injection",
    pattern: /\bDROP\s{1,20}DATABASE\b/i
  },
  {
    id: "sql-insert-into",
    description: "INSERT INTO \u2014 data injection",
    pattern: /\bINSERT\s{1,20}INTO\b/i
  },
  {
    id: "sql-delete-from",
    description: "DELETE FROM \u2014 data deletion injection",
    pattern: /\bDELETE\s{1,20}FROM\b/i
  },
  {
    id: "sql-update-set",
    description: "UPDATE ... SET \u2014 data modification injection",
    // Allows arbitrary content between UPDATE and SET (table name, alias, etc.)
    pattern: /\bUPDATE\b[\s\S]{1,60}\bSET\b/i
  },
  {
    id: "sql-exec-xp",
    description: "EXEC xp_ \u2014 MSSQL extended stored procedure execution",
    pattern: /\bEXEC(?:UTE)?\s{1,20}xp_/i
  },
  {
    id: "sql-tautology-string",
    description: `Classic string tautology: ' OR '1'='1 or " OR "1"="1"`,
    // Last quote is optional — injection may truncate it: ' OR '1'='1--
    pattern: /'\s{0,10}OR\s{0,10}'[^']{0,20}'\s*=\s*'[^']{0,20}/i
  },
  {
    id: "sql-tautology-numeric",
    description: "Numeric tautology: OR 1=1",
    pattern: /\bOR\s{1,10}1\s*=\s*1\b/i
  },
  {
    id: "sql-always-true-zero",
    description: "Numeric tautology: OR 0=0",
    pattern: /\bOR\s{1,10}0\s*=\s*0\b/i
  },
  {
    id: "sql-sleep-benchmark",
    description: "Time-based blind injection: SLEEP() or BENCHMARK()",
    pattern: /\b(?:SLEEP|BENCHMARK)\s*\(/i
  },
  {
    id: "sql-waitfor-delay",
    description: "MSSQL time-based blind injection: WAITFOR DELAY",
    pattern: /\bWAITFOR\s{1,20}DELAY\b/i
  },
  {
    id: "sql-char-function",
    description: "CHAR() function \u2014 used to obfuscate injected strings",
    pattern: /\bCHAR\s*\(\s*\d{1,3}/i
  },
  {
    id: "sql-information-schema",
    description: "INFORMATION_SCHEMA \u2014 reconnaissance query for table/column enumeration",
    pattern: /\bINFORMATION_SCHEMA\b/i
  }
];
var sql_default = SQL_PATTERNS;

// node_modules/is-unsafe/src/contexts/shell.js
var SHELL_PATTERNS = [
  {
    id: "shell-path-traversal-unix",
    description: "Unix path traversal: ../  \u2014 climbing the directory tree",
    pattern: /\.\.\//
  },
  {
    id: "shell-path-traversal-windows",
    description: "Windows path traversal: ..\\ \u2014 climbing the directory tree",
    pattern: /\.\.\\/
  },
  {
    id: "shell-path-traversal-encoded",
    description: "URL-encoded path traversal: %2e%2e or %2f variants",
    pattern: /%2e%2e|%2f\.\.|\.\.%2f/i
  },
  {
    id: "shell-null-byte",
    description: "Null byte injection: \\x00 or %00 \u2014 truncates strings in C-backed functions",
    pattern: /\x00|%00/
  },
  {
    id: "shell-semicolon",
    description: "Semicolon command separator: cmd1; cmd2",
    pattern: /;/
  },
  {
    id: "shell-pipe",
    description: "Pipe operator: cmd1 | cmd2",
    pattern: /\|/
  },
  {
    id: "shell-and-operator",
    description: "AND operator: cmd1 && cmd2",
    pattern: /&&/
  },
  {
    id: "shell-or-operator",
    description: "OR operator: cmd1 || cmd2",
    pattern: /\|\|/
  },
  {
    id: "shell-backtick",
    description: "Backtick command substitution: `cmd`",
    pattern: /`/
  },
  {
    id: "shell-dollar-paren",
    description: "Dollar-paren command substitution: $(cmd)",
    pattern: /\$\(/
  },
  {
    id: "shell-dollar-brace",
    description: "Dollar-brace variable expansion: ${var} \u2014 can be abused for injection",
    pattern: /\$\{/
  },
  {
    id: "shell-redirect-out",
    description: "Output redirection: cmd > file or cmd >> file",
    pattern: />{1,2}/
  },
  {
    id: "shell-redirect-in",
    description: "Input redirection: cmd < file",
    pattern: /</
  },
  {
    id: "shell-newline-injection",
    description: "Newline injection: \\n or \\r \u2014 can inject new shell commands",
    pattern: /[\n\r]/
  },
  {
    id: "shell-glob-star",
    description: "Glob expansion: * or ? \u2014 can expand to unintended files",
    // Only flag when combined with path separators to reduce false positives
    pattern: /[/\\][*?]/
  },
  {
    id: "shell-absolute-root",
    description: "Absolute root path injection: string starting with / or \\ (Windows UNC)",
    pattern: /^(?:\/|\\\\)/
  },
  {
    id: "shell-windows-drive",
    description: "Windows drive letter path injection: C:\\ or D:/",
    pattern: /^[a-zA-Z]:[/\\]/
  },
  {
    id: "shell-curl-wget",
    description: "curl/wget with URL or flags \u2014 can exfiltrate data or download payloads",
    // Require a URL scheme (http/https/ftp) or a flag (-) to reduce false positives
    // "curl is a tool" won't match; "curl http://..." or "curl -s ..." will
    pattern: /\b(?:curl|wget)\s+(?:https?:\/\/|ftp:\/\/|-)/i
  }
];
var shell_default = SHELL_PATTERNS;

// node_modules/is-unsafe/src/contexts/redos.js
var REDOS_PATTERNS = [
  {
    id: "redos-nested-quantifier-plus",
    description: "Nested + quantifier inside a group with outer quantifier: (a+)+, (.+b)*, etc.",
    // Matches any group containing a + quantifier, with an outer * or + — catches (a+)+, (.+b)*, etc.
    pattern: /\([^)]*\+[^)]*\)[+*]/
  },
  {
    id: "redos-nested-quantifier-star",
    description: "Nested * quantifier: (a*)* or (a*)+ \u2014 catastrophic backtracking",
    pattern: /\([^)]*\*[^)]*\)[*+]/
  },
  {
    id: "redos-nested-groups",
    description: "Doubly nested quantified groups: ((a+)+) \u2014 guaranteed catastrophic",
    pattern: /\(\([^)]{0,40}\)[+*]\)[+*]/
  },
  {
    id: "redos-alternation-overlap",
    description: "Overlapping alternation under quantifier: (a|a)+ \u2014 ambiguous NFA paths",
    // Detect repeated identical alternatives under a quantifier
    pattern: /\(([^|()]{1,20})\|(?:\1)(?:\|[^|()]{1,20}){0,5}\)[+*?]{1,2}/
  },
  {
    id: "redos-star-plus-concat",
    description: "(x*x)+ pattern \u2014 triggers super-linear backtracking",
    pattern: /\([^)]{0,10}\*[^)]{0,10}\)[+*]/
  },
  {
    id: "redos-dot-star-greedy",
    description: "(.*){n,} or (.+){n,} \u2014 repeated greedy dot quantifiers",
    pattern: /\(\.[*+]\)\{?\d/
  },
  {
    id: "redos-large-repetition",
    description: "Very large fixed or range repetition count {1000,} or {1000,n} \u2014 denial of service via backtracking",
    // Matches { followed by 4+ digits (≥1000), then optional ,digits }
    pattern: /\{\d{4,}(?:,\d*)?\}/
  },
  {
    id: "redos-catastrophic-alternation",
    description: "Long alternation with many similar branches \u2014 polynomial backtracking risk",
    // Heuristic: 10+ pipe-separated alternatives in a single group
    pattern: /\([^)]{0,200}(?:\|[^|)]{0,50}){9,}\)/
  }
];
var redos_default = REDOS_PATTERNS;

// node_modules/is-unsafe/src/contexts/nosql.js
var sep = `["'\\s]*:`;
var NOSQL_PATTERNS = [
  // ─── MongoDB $ operator injection ────────────────────────────────────────
  {
    id: "nosql-where-operator",
    description: "$where \u2014 executes arbitrary JavaScript server-side in MongoDB",
    pattern: new RegExp(`\\$where${sep}`, "i")
  },
  {
    id: "nosql-ne-operator",
    description: '$ne \u2014 "not equal" operator used to bypass equality checks',
    pattern: new RegExp(`\\$ne${sep}`, "i")
  },
  {
    id: "nosql-gt-operator",
    description: '$gt \u2014 "greater than" used to bypass password/value checks',
    pattern: new RegExp(`\\$gte?${sep}`, "i")
  },
  {
    id: "nosql-lt-operator",
    description: '$lt / $lte \u2014 "less than" bypass variants',
    pattern: new RegExp(`\\$lte?${sep}`, "i")
  },
  {
    id: "nosql-regex-operator",
    description: "$regex \u2014 can be used to extract data character by character (blind injection)",
    pattern: new RegExp(`\\$regex${sep}`, "i")
  },
  {
    id: "nosql-or-operator",
    description: "$or \u2014 logical OR; used to create always-true conditions",
    pattern: new RegExp(`\\$or${sep}\\s*\\[`, "i")
  },
  {
    id: "nosql-and-operator",
    description: "$and \u2014 logical AND operator injection",
    pattern: new RegExp(`\\$and${sep}\\s*\\[`, "i")
  },
  {
    id: "nosql-nor-operator",
    description: "$nor \u2014 logical NOR operator injection",
    pattern: new RegExp(`\\$nor${sep}\\s*\\[`, "i")
  },
  {
    id: "nosql-exists-operator",
    description: "$exists \u2014 can enumerate fields to determine schema",
    pattern: new RegExp(`\\$exists${sep}`, "i")
  },
  {
    id: "nosql-in-operator",
    description: "$in \u2014 matches any value in a list; can enumerate values",
    pattern: new RegExp(`\\$in${sep}\\s*\\[`, "i")
  },
  {
    id: "nosql-expr-operator",
    description: "$expr \u2014 allows aggregation expressions in queries (MongoDB 3.6+)",
    pattern: new RegExp(`\\$expr${sep}`, "i")
  },
  {
    id: "nosql-function-operator",
    description: "$function \u2014 executes arbitrary JavaScript in MongoDB 4.4+",
    pattern: new RegExp(`\\$function${sep}`, "i")
  },
  {
    id: "nosql-accumulator-operator",
    description: "$accumulator \u2014 custom aggregation with arbitrary JS execution",
    pattern: new RegExp(`\\$accumulator${sep}`, "i")
  },
  // ─── Prototype pollution ─────────────────────────────────────────────────
  {
    id: "nosql-proto-pollution",
    description: "__proto__ \u2014 prototype pollution via object key injection",
    pattern: /__proto__/
  },
  {
    id: "nosql-constructor-prototype",
    description: "constructor.prototype \u2014 alternative prototype pollution vector (dot notation or JSON key)",
    // Matches dot-notation (obj.constructor.prototype) and JSON key adjacency
    // ("constructor": {"prototype": ...})
    pattern: /constructor[\s"':.,{\[]*prototype/i
  },
  {
    id: "nosql-proto-bracket",
    description: '["__proto__"] \u2014 bracket-notation prototype pollution',
    pattern: /\[["']__proto__["']\]/
  }
];
var nosql_default = NOSQL_PATTERNS;

// node_modules/is-unsafe/src/contexts/log.js
var LOG_PATTERNS = [
  // ─── CRLF / newline injection ─────────────────────────────────────────────
  {
    id: "log-crlf-injection",
    description: "CRLF injection: literal \\r or \\n embeds fake log lines",
    pattern: /[\r\n]/
  },
  {
    id: "log-url-encoded-crlf",
    description: "URL-encoded CRLF: %0d, %0a, %0D, %0A \u2014 decoded by some log parsers",
    pattern: /%0[dDaA]/
  },
  {
    id: "log-unicode-newline",
    description: "Unicode newline variants: U+2028 (line separator), U+2029 (paragraph separator)",
    pattern: /[\u2028\u2029]/
  },
  // ─── Log4Shell / JNDI injection (CVE-2021-44228) ─────────────────────────
  {
    id: "log-log4shell-jndi",
    description: "Log4Shell: ${jndi:...} triggers remote code execution in Apache Log4j",
    pattern: /\$\{jndi\s*:/i
  },
  {
    id: "log-log4shell-obfuscated",
    description: "Obfuscated Log4Shell: ${::-j}... lookup-bypass prefix used to evade WAF detection",
    // ${::- is the Log4j lookup-bypass escape sequence; presence alone is suspicious
    pattern: /\$\{::-/
  },
  {
    id: "log-log4j-lookup",
    description: "Log4j lookup syntax: ${env:...}, ${sys:...}, ${ctx:...} \u2014 data exfiltration",
    pattern: /\$\{(?:env|sys|ctx|main|map|sd|web|docker|k8s|spring)\s*:/i
  },
  // ─── Server-Side Template Injection (SSTI) in log messages ───────────────
  {
    id: "log-ssti-double-brace",
    description: "SSTI double-brace: {{expression}} \u2014 Jinja2, Twig, Handlebars, etc.",
    pattern: /\{\{[\s\S]{0,80}\}\}/
  },
  {
    id: "log-ssti-hash-brace",
    description: "SSTI hash-brace: #{expression} \u2014 Thymeleaf, Velocity, Ruby ERB",
    pattern: /#\{[\s\S]{0,80}\}/
  },
  {
    id: "log-ssti-dollar-brace",
    description: "SSTI/EL injection: ${expression with operators or method calls} \u2014 JSP EL, Freemarker, SpEL",
    // Require that the ${...} content looks like an expression, not a plain variable name.
    // Flags if the content contains: . ( * + operators, or known SSTI keywords.
    // This avoids flagging ${PATH}, ${HOME} etc. (plain shell variables).
    pattern: /\$\{[^}]*(?:\.|\(|\*|\+|\bclass\b|\bruntime\b|\bprocess\b|\bexec\b)[^}]{0,80}\}/i
  },
  {
    id: "log-ssti-percent-tag",
    description: "SSTI ERB/ASP tag: <%= expression %> \u2014 Ruby ERB, ASP",
    pattern: /<%=[\s\S]{0,80}%>/
  },
  // ─── Null byte ────────────────────────────────────────────────────────────
  {
    id: "log-null-byte",
    description: "Null byte: \\x00 or %00 \u2014 can truncate log entries in C-backed loggers",
    pattern: /\x00|%00/
  },
  // ─── ANSI escape injection ────────────────────────────────────────────────
  {
    id: "log-ansi-escape",
    description: "ANSI escape sequence: ESC[ \u2014 can manipulate terminal output when logs are tailed",
    pattern: /\x1b\[/
  }
];
var log_default = LOG_PATTERNS;

// node_modules/is-unsafe/src/contexts/sql-strict.js
var SQL_STRICT_EXTRA = [
  {
    id: "sql-line-comment",
    description: "SQL line comment: -- followed by whitespace or end of string",
    pattern: /--(?:\s|$)/
  },
  {
    id: "sql-stacked-query",
    description: "Stacked queries: semicolon immediately followed by a SQL keyword",
    pattern: /;\s{0,10}(?:SELECT|INSERT|UPDATE|DELETE|DROP|CREATE|ALTER|EXEC)\b/i
  },
  {
    id: "sql-hex-encoding",
    description: "Hex-encoded string injection: 0x41414141 style (MySQL)",
    pattern: /\b0x[0-9a-f]{4,}/i
  }
];
var SQL_STRICT_PATTERNS = [...sql_default, ...SQL_STRICT_EXTRA];
var sql_strict_default = SQL_STRICT_PATTERNS;

// node_modules/is-unsafe/src/util/decode-entities.js
var NAMED = Object.freeze({
  colon: ":",
  Tab: "	",
  NewLine: "\n"
});
var ENTITY_RE = /&(?:#[xX]0*([0-9a-fA-F]{1,6});?|#0*([0-9]{1,7});?|([a-zA-Z][a-zA-Z0-9]{1,15});)/g;
function decodeEntities(input) {
  if (input.indexOf("&") === -1) return input;
  return input.replace(ENTITY_RE, (match, hex, dec, name) => {
    if (name !== void 0) {
      return Object.prototype.hasOwnProperty.call(NAMED, name) ? NAMED[name] : match;
    }
    const cp = hex !== void 0 ? parseInt(hex, 16) : parseInt(dec, 10);
    if (!Number.isFinite(cp) || cp > 1114111) return match;
    return String.fromCodePoint(cp);
  });
}

// node_modules/is-unsafe/src/index.js
html_default.label = "HTML";
xml_default.label = "XML";
svg_default.label = "SVG";
html_default.decodeEntities = true;
xml_default.decodeEntities = true;
svg_default.decodeEntities = true;
sql_default.label = "SQL";
sql_strict_default.label = "SQL-STRICT";
shell_default.label = "SHELL";
redos_default.label = "REDOS";
nosql_default.label = "NOSQL";
log_default.label = "LOG";
var VALID_CONTEXTS = Object.freeze({
  HTML: html_default,
  XML: xml_default,
  SVG: svg_default,
  SQL: sql_default,
  "SQL-STRICT": sql_strict_default,
  SHELL: shell_default,
  REDOS: redos_default,
  NOSQL: nosql_default,
  LOG: log_default
});
function assertString(value) {
  if (typeof value !== "string") {
    throw new TypeError(
      `is-unsafe: first argument must be a string, got ${typeof value}`
    );
  }
}
function assertContext(context) {
  if (context instanceof RegExp) return;
  if (Array.isArray(context)) {
    if (context.length === 0) {
      throw new TypeError("is-unsafe: context must not be an empty array");
    }
    if (Array.isArray(context[0])) {
      for (const list2 of context) {
        if (!Array.isArray(list2) || list2.length === 0) {
          throw new TypeError(
            "is-unsafe: each context in the array must be a non-empty pattern array (PatternList)"
          );
        }
      }
    }
    return;
  }
  throw new TypeError(
    `is-unsafe: second argument must be a PatternList (e.g. HTML), an array of PatternLists (e.g. [HTML, XML]), or a RegExp. Got: ${typeof context}`
  );
}
function normalise(context) {
  if (context instanceof RegExp) return { lists: null, regex: context };
  if (Array.isArray(context[0])) return { lists: context, regex: null };
  return { lists: [context], regex: null };
}
function decodedCopy(value, list2) {
  if (!list2.decodeEntities) return null;
  const decoded = decodeEntities(value);
  return decoded === value ? null : decoded;
}
function matchList(value, list2) {
  const label = list2.label ?? "CUSTOM";
  const decoded = decodedCopy(value, list2);
  for (const rule of list2) {
    if (rule.pattern.test(value) || decoded !== null && rule.pattern.test(decoded)) {
      return { context: label, id: rule.id, description: rule.description, pattern: rule.pattern };
    }
  }
  return null;
}
function isUnsafe(value, context) {
  assertString(value);
  assertContext(context);
  const { lists, regex: regex2 } = normalise(context);
  if (regex2) return regex2.test(value);
  for (const list2 of lists) {
    if (matchList(value, list2) !== null) return true;
  }
  return false;
}

// node_modules/fast-xml-parser/src/xmlparser/OrderedObjParser.js
function extractRawAttributes(prefixedAttrs, options) {
  if (!prefixedAttrs) return {};
  const attrs2 = options.attributesGroupName ? prefixedAttrs[options.attributesGroupName] : prefixedAttrs;
  if (!attrs2) return {};
  const rawAttrs = {};
  for (const key in attrs2) {
    if (key.startsWith(options.attributeNamePrefix)) {
      const rawName = key.substring(options.attributeNamePrefix.length);
      rawAttrs[rawName] = attrs2[key];
    } else {
      rawAttrs[key] = attrs2[key];
    }
  }
  return rawAttrs;
}
function extractNamespace(rawTagName) {
  if (!rawTagName || typeof rawTagName !== "string") return void 0;
  const colonIndex = rawTagName.indexOf(":");
  if (colonIndex !== -1 && colonIndex > 0) {
    const ns = rawTagName.substring(0, colonIndex);
    if (ns !== "xmlns") {
      return ns;
    }
  }
  return void 0;
}
var OrderedObjParser = class {
  constructor(options, externalEntities) {
    this.options = options;
    this.currentNode = null;
    this.tagsNodeStack = [];
    this.parseXml = parseXml;
    this.parseTextData = parseTextData;
    this.resolveNameSpace = resolveNameSpace;
    this.buildAttributesMap = buildAttributesMap;
    this.isItStopNode = isItStopNode;
    this.replaceEntitiesValue = replaceEntitiesValue;
    this.readStopNodeData = readStopNodeData;
    this.saveTextToParentTag = saveTextToParentTag;
    this.addChild = addChild;
    this.ignoreAttributesFn = getIgnoreAttributesFn(this.options.ignoreAttributes);
    this.entityExpansionCount = 0;
    this.currentExpandedLength = 0;
    this.doctypefound = false;
    let namedEntities = { ...XML };
    if (this.options.entityDecoder) {
      this.entityDecoder = this.options.entityDecoder;
    } else {
      if (typeof this.options.htmlEntities === "object") namedEntities = this.options.htmlEntities;
      else if (this.options.htmlEntities === true) namedEntities = { ...COMMON_HTML, ...CURRENCY };
      this.entityDecoder = new EntityDecoder({
        namedEntities: { ...namedEntities, ...externalEntities },
        numericAllowed: this.options.htmlEntities,
        limit: {
          maxTotalExpansions: this.options.processEntities.maxTotalExpansions,
          maxExpandedLength: this.options.processEntities.maxExpandedLength,
          applyLimitsTo: this.options.processEntities.appliesTo
        },
        // onExternalEntity: (name, value) => isUnsafe(value) ? 'block' : 'allow',
        onInputEntity: (name, value) => (
          //TODO: VALID_CONTEXTS.HTML should be set only if this.options.htmlEntities
          isUnsafe(value, [html_default, xml_default]) ? ENTITY_ACTION.BLOCK : ENTITY_ACTION.ALLOW
        )
        //postCheck: resolved => resolved
      });
    }
    this.matcher = new Matcher();
    this.readonlyMatcher = this.matcher.readOnly();
    this.isCurrentNodeStopNode = false;
    this.stopNodeExpressionsSet = new ExpressionSet();
    const stopNodesOpts = this.options.stopNodes;
    if (stopNodesOpts && stopNodesOpts.length > 0) {
      for (let i2 = 0; i2 < stopNodesOpts.length; i2++) {
        const stopNodeExp = stopNodesOpts[i2];
        if (typeof stopNodeExp === "string") {
          this.stopNodeExpressionsSet.add(new Expression(stopNodeExp));
        } else if (stopNodeExp instanceof Expression) {
          this.stopNodeExpressionsSet.add(stopNodeExp);
        }
      }
      this.stopNodeExpressionsSet.seal();
    }
  }
};
function parseTextData(val, tagName, jPath, dontTrim, hasAttributes, isLeafNode, escapeEntities) {
  const options = this.options;
  if (val !== void 0) {
    if (options.trimValues && !dontTrim) {
      val = val.trim();
    }
    if (val.length > 0) {
      if (!escapeEntities) val = this.replaceEntitiesValue(val, tagName, jPath);
      const jPathOrMatcher = options.jPath ? jPath.toString() : jPath;
      const newval = options.tagValueProcessor(tagName, val, jPathOrMatcher, hasAttributes, isLeafNode);
      if (newval === null || newval === void 0) {
        return val;
      } else if (typeof newval !== typeof val || newval !== val) {
        return newval;
      } else if (options.trimValues) {
        return parseValue(val, options.parseTagValue, options.numberParseOptions);
      } else {
        const trimmedVal = val.trim();
        if (trimmedVal === val) {
          return parseValue(val, options.parseTagValue, options.numberParseOptions);
        } else {
          return val;
        }
      }
    }
  }
}
function resolveNameSpace(tagname) {
  if (this.options.removeNSPrefix) {
    const tags = tagname.split(":");
    const prefix = tagname.charAt(0) === "/" ? "/" : "";
    if (tags[0] === "xmlns") {
      return "";
    }
    if (tags.length === 2) {
      tagname = prefix + tags[1];
    }
  }
  return tagname;
}
var attrsRegx = /([^\s=]+)\s*(=\s*(?:"([^"]*)"|'([^']*)'))?/gm;
function attrValue(match) {
  return match[3] !== void 0 ? match[3] : match[4];
}
function buildAttributesMap(attrStr, jPath, tagName, force = false) {
  const options = this.options;
  if (force === true || options.ignoreAttributes !== true && typeof attrStr === "string") {
    const matches2 = getAllMatches(attrStr, attrsRegx);
    const len = matches2.length;
    const attrs2 = {};
    const processedVals = new Array(len);
    let hasRawAttrs = false;
    const rawAttrsForMatcher = {};
    for (let i2 = 0; i2 < len; i2++) {
      const attrName = this.resolveNameSpace(matches2[i2][1]);
      const oldVal = attrValue(matches2[i2]);
      if (attrName.length && oldVal !== void 0) {
        let val = oldVal;
        if (options.trimValues) val = val.trim();
        val = this.replaceEntitiesValue(val, tagName, this.readonlyMatcher);
        processedVals[i2] = val;
        rawAttrsForMatcher[attrName] = val;
        hasRawAttrs = true;
      }
    }
    if (hasRawAttrs && typeof jPath === "object" && jPath.updateCurrent) {
      jPath.updateCurrent(rawAttrsForMatcher);
    }
    const jPathStr = options.jPath ? jPath.toString() : this.readonlyMatcher;
    let hasAttrs = false;
    for (let i2 = 0; i2 < len; i2++) {
      const attrName = this.resolveNameSpace(matches2[i2][1]);
      if (this.ignoreAttributesFn(attrName, jPathStr)) continue;
      let aName = options.attributeNamePrefix + attrName;
      if (attrName.length) {
        if (options.transformAttributeName) {
          aName = options.transformAttributeName(aName);
        }
        aName = sanitizeName(aName, options);
        if (attrValue(matches2[i2]) !== void 0) {
          const oldVal = processedVals[i2];
          const newVal = options.attributeValueProcessor(attrName, oldVal, jPathStr);
          if (newVal === null || newVal === void 0) {
            attrs2[aName] = oldVal;
          } else if (typeof newVal !== typeof oldVal || newVal !== oldVal) {
            attrs2[aName] = newVal;
          } else {
            attrs2[aName] = parseValue(oldVal, options.parseAttributeValue, options.numberParseOptions);
          }
          hasAttrs = true;
        } else if (options.allowBooleanAttributes) {
          attrs2[aName] = true;
          hasAttrs = true;
        }
      }
    }
    if (!hasAttrs) return;
    if (options.attributesGroupName && !options.preserveOrder) {
      const attrCollection = {};
      attrCollection[options.attributesGroupName] = attrs2;
      return attrCollection;
    }
    return attrs2;
  }
}
var parseXml = function(xmlData) {
  const options = this.options;
  const crlfPositions = options.captureMetaData ? [] : void 0;
  xmlData = xmlData.replace(/\r\n?/g, options.captureMetaData ? (newline, index) => {
    if (newline.length === 2) {
      crlfPositions.push(index - crlfPositions.length);
    }
    return "\n";
  } : "\n");
  const xmlObj = new XmlNode("!xml");
  let currentNode = xmlObj;
  let textData = "";
  this.matcher.reset();
  this.entityDecoder.reset();
  this.entityExpansionCount = 0;
  this.currentExpandedLength = 0;
  this.doctypefound = false;
  const docTypeReader = new DocTypeReader(options.processEntities);
  const xmlLen = xmlData.length;
  for (let i2 = 0; i2 < xmlLen; i2++) {
    const ch = xmlData[i2];
    if (ch === "<") {
      const c1 = xmlData.charCodeAt(i2 + 1);
      if (c1 === 47) {
        const closeIndex = findClosingIndex(xmlData, ">", i2, "Closing Tag is not closed.");
        let tagName = xmlData.substring(i2 + 2, closeIndex).trim();
        if (options.removeNSPrefix) {
          const colonIndex = tagName.indexOf(":");
          if (colonIndex !== -1) {
            tagName = tagName.substr(colonIndex + 1);
          }
        }
        tagName = transformTagName(options.transformTagName, tagName, "", options).tagName;
        if (currentNode) {
          textData = this.saveTextToParentTag(textData, currentNode, this.readonlyMatcher);
        }
        const lastTagName = this.matcher.getCurrentTag();
        if (tagName && options.unpairedTagsSet.has(tagName)) {
          throw new Error(`Unpaired tag can not be used as closing tag: </${tagName}>`);
        }
        if (lastTagName && options.unpairedTagsSet.has(lastTagName)) {
          this.matcher.pop();
          this.tagsNodeStack.pop();
        }
        this.matcher.pop();
        this.isCurrentNodeStopNode = false;
        currentNode = this.tagsNodeStack.pop() || xmlObj;
        if (options.captureMetaData && currentNode) {
          currentNode.addEndIndex(getOriginalIndex(closeIndex + 1, crlfPositions));
        }
        textData = "";
        i2 = closeIndex;
      } else if (c1 === 63) {
        let tagData = readTagExp(xmlData, i2, false, "?>");
        if (!tagData) throw new Error("Pi Tag is not closed.");
        textData = this.saveTextToParentTag(textData, currentNode, this.readonlyMatcher);
        const attsMap = this.buildAttributesMap(tagData.tagExp, this.matcher, tagData.tagName, true);
        if (attsMap) {
          const ver = attsMap[this.options.attributeNamePrefix + "version"];
          this.entityDecoder.setXmlVersion(Number(ver) || 1);
          docTypeReader.setXmlVersion(Number(ver) || 1);
        }
        if (options.ignoreDeclaration && tagData.tagName === "?xml" || options.ignorePiTags) {
        } else {
          const childNode = new XmlNode(tagData.tagName);
          childNode.add(options.textNodeName, "");
          if (tagData.tagName !== tagData.tagExp && tagData.attrExpPresent && options.ignoreAttributes !== true) {
            childNode[":@"] = attsMap;
          }
          const startIndex = options.captureMetaData ? getOriginalIndex(i2, crlfPositions) : i2;
          this.addChild(currentNode, childNode, this.readonlyMatcher, startIndex);
          if (options.captureMetaData) {
            currentNode.addEndIndex(getOriginalIndex(tagData.closeIndex + 2, crlfPositions));
          }
        }
        i2 = tagData.closeIndex + 1;
      } else if (c1 === 33 && xmlData.charCodeAt(i2 + 2) === 45 && xmlData.charCodeAt(i2 + 3) === 45) {
        const endIndex = findClosingIndex(xmlData, "-->", i2 + 4, "Comment is not closed.");
        if (options.commentPropName) {
          const comment = xmlData.substring(i2 + 4, endIndex - 2);
          textData = this.saveTextToParentTag(textData, currentNode, this.readonlyMatcher);
          currentNode.add(options.commentPropName, [{ [options.textNodeName]: comment }]);
        }
        i2 = endIndex;
      } else if (c1 === 33 && xmlData.charCodeAt(i2 + 2) === 68) {
        if (this.doctypefound) throw new Error("Multiple DOCTYPE declarations found.");
        this.doctypefound = true;
        const result = docTypeReader.readDocType(xmlData, i2);
        this.entityDecoder.addInputEntities(result.entities);
        i2 = result.i;
      } else if (c1 === 33 && xmlData.charCodeAt(i2 + 2) === 91) {
        const closeIndex = findClosingIndex(xmlData, "]]>", i2, "CDATA is not closed.") - 2;
        const tagExp = xmlData.substring(i2 + 9, closeIndex);
        textData = this.saveTextToParentTag(textData, currentNode, this.readonlyMatcher);
        let val = this.parseTextData(tagExp, currentNode.tagname, this.readonlyMatcher, true, false, true, true);
        if (val == void 0) val = "";
        if (options.cdataPropName) {
          currentNode.add(options.cdataPropName, [{ [options.textNodeName]: tagExp }]);
        } else {
          currentNode.add(options.textNodeName, val);
        }
        i2 = closeIndex + 2;
      } else {
        let result = readTagExp(xmlData, i2, options.removeNSPrefix);
        if (!result) {
          const context = xmlData.substring(Math.max(0, i2 - 50), Math.min(xmlLen, i2 + 50));
          throw new Error(`readTagExp returned undefined at position ${i2}. Context: "${context}"`);
        }
        let tagName = result.tagName;
        const rawTagName = result.rawTagName;
        let tagExp = result.tagExp;
        let attrExpPresent = result.attrExpPresent;
        let closeIndex = result.closeIndex;
        ({ tagName, tagExp } = transformTagName(options.transformTagName, tagName, tagExp, options));
        if (options.strictReservedNames && (tagName === options.commentPropName || tagName === options.cdataPropName || tagName === options.textNodeName || tagName === options.attributesGroupName)) {
          throw new Error(`Invalid tag name: ${tagName}`);
        }
        if (currentNode && textData) {
          if (currentNode.tagname !== "!xml") {
            textData = this.saveTextToParentTag(textData, currentNode, this.readonlyMatcher, false);
          }
        }
        const lastTag = currentNode;
        if (lastTag && options.unpairedTagsSet.has(lastTag.tagname)) {
          currentNode = this.tagsNodeStack.pop();
          this.matcher.pop();
        }
        let isSelfClosing = false;
        if (tagExp.length > 0 && tagExp.lastIndexOf("/") === tagExp.length - 1) {
          isSelfClosing = true;
          if (tagName[tagName.length - 1] === "/") {
            tagName = tagName.substr(0, tagName.length - 1);
            tagExp = tagName;
          } else {
            tagExp = tagExp.substr(0, tagExp.length - 1);
          }
          attrExpPresent = tagName !== tagExp;
        }
        let prefixedAttrs = null;
        let rawAttrs = {};
        let namespace = void 0;
        namespace = extractNamespace(rawTagName);
        if (tagName !== xmlObj.tagname) {
          this.matcher.push(tagName, {}, namespace);
        }
        if (tagName !== tagExp && attrExpPresent) {
          prefixedAttrs = this.buildAttributesMap(tagExp, this.matcher, tagName);
          if (prefixedAttrs) {
            rawAttrs = extractRawAttributes(prefixedAttrs, options);
          }
        }
        if (tagName !== xmlObj.tagname) {
          this.isCurrentNodeStopNode = this.isItStopNode();
        }
        const startIndex = options.captureMetaData ? getOriginalIndex(i2, crlfPositions) : i2;
        if (this.isCurrentNodeStopNode) {
          let tagContent = "";
          if (isSelfClosing) {
            i2 = result.closeIndex;
          } else if (options.unpairedTagsSet.has(tagName)) {
            i2 = result.closeIndex;
          } else {
            const result2 = this.readStopNodeData(xmlData, rawTagName, closeIndex + 1);
            if (!result2) throw new Error(`Unexpected end of ${rawTagName}`);
            i2 = result2.i;
            tagContent = result2.tagContent;
          }
          const childNode = new XmlNode(tagName);
          if (prefixedAttrs) {
            childNode[":@"] = prefixedAttrs;
          }
          childNode.add(options.textNodeName, tagContent);
          this.matcher.pop();
          this.isCurrentNodeStopNode = false;
          this.addChild(currentNode, childNode, this.readonlyMatcher, startIndex);
          if (options.captureMetaData) {
            currentNode.addEndIndex(getOriginalIndex(i2 + 1, crlfPositions));
          }
        } else {
          if (isSelfClosing) {
            ({ tagName, tagExp } = transformTagName(options.transformTagName, tagName, tagExp, options));
            const childNode = new XmlNode(tagName);
            if (prefixedAttrs) {
              childNode[":@"] = prefixedAttrs;
            }
            this.addChild(currentNode, childNode, this.readonlyMatcher, startIndex);
            if (options.captureMetaData) {
              currentNode.addEndIndex(getOriginalIndex(closeIndex + 1, crlfPositions));
            }
            this.matcher.pop();
            this.isCurrentNodeStopNode = false;
          } else if (options.unpairedTagsSet.has(tagName)) {
            const childNode = new XmlNode(tagName);
            if (prefixedAttrs) {
              childNode[":@"] = prefixedAttrs;
            }
            this.addChild(currentNode, childNode, this.readonlyMatcher, startIndex);
            if (options.captureMetaData) {
              currentNode.addEndIndex(getOriginalIndex(result.closeIndex + 1, crlfPositions));
            }
            this.matcher.pop();
            this.isCurrentNodeStopNode = false;
            i2 = result.closeIndex;
            continue;
          } else {
            const childNode = new XmlNode(tagName);
            if (this.tagsNodeStack.length > options.maxNestedTags) {
              throw new Error("Maximum nested tags exceeded");
            }
            this.tagsNodeStack.push(currentNode);
            if (prefixedAttrs) {
              childNode[":@"] = prefixedAttrs;
            }
            this.addChild(currentNode, childNode, this.readonlyMatcher, startIndex);
            currentNode = childNode;
          }
          textData = "";
          i2 = closeIndex;
        }
      }
    } else {
      textData += xmlData[i2];
    }
  }
  return xmlObj.child;
};
function getOriginalIndex(index, crlfPositions) {
  let low = 0;
  let high = crlfPositions.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (crlfPositions[middle] < index) low = middle + 1;
    else high = middle;
  }
  return index + low;
}
function addChild(currentNode, childNode, matcher, startIndex) {
  if (!this.options.captureMetaData) startIndex = void 0;
  const jPathOrMatcher = this.options.jPath ? matcher.toString() : matcher;
  const result = this.options.updateTag(childNode.tagname, jPathOrMatcher, childNode[":@"]);
  if (result === false) {
  } else if (typeof result === "string") {
    childNode.tagname = result;
    currentNode.addChild(childNode, startIndex);
  } else {
    currentNode.addChild(childNode, startIndex);
  }
}
function replaceEntitiesValue(val, tagName, jPath) {
  const entityConfig = this.options.processEntities;
  if (!entityConfig || !entityConfig.enabled) {
    return val;
  }
  if (entityConfig.allowedTags) {
    const jPathOrMatcher = this.options.jPath ? jPath.toString() : jPath;
    const allowed = Array.isArray(entityConfig.allowedTags) ? entityConfig.allowedTags.includes(tagName) : entityConfig.allowedTags(tagName, jPathOrMatcher);
    if (!allowed) {
      return val;
    }
  }
  if (entityConfig.tagFilter) {
    const jPathOrMatcher = this.options.jPath ? jPath.toString() : jPath;
    if (!entityConfig.tagFilter(tagName, jPathOrMatcher)) {
      return val;
    }
  }
  return this.entityDecoder.decode(val);
}
function saveTextToParentTag(textData, parentNode, matcher, isLeafNode) {
  if (textData) {
    if (isLeafNode === void 0) isLeafNode = parentNode.child.length === 0;
    textData = this.parseTextData(
      textData,
      parentNode.tagname,
      matcher,
      false,
      parentNode[":@"] ? Object.keys(parentNode[":@"]).length !== 0 : false,
      isLeafNode
    );
    if (textData !== void 0 && textData !== "")
      parentNode.add(this.options.textNodeName, textData);
    textData = "";
  }
  return textData;
}
function isItStopNode() {
  if (this.stopNodeExpressionsSet.size === 0) return false;
  return this.matcher.matchesAny(this.stopNodeExpressionsSet);
}
function tagExpWithClosingIndex(xmlData, i2, closingChar = ">") {
  const len = xmlData.length;
  const closeCode0 = closingChar.charCodeAt(0);
  const closeCode1 = closingChar.length > 1 ? closingChar.charCodeAt(1) : -1;
  let result = "";
  let segmentStart = i2;
  for (let index = i2; index < len; index++) {
    const code = xmlData.charCodeAt(index);
    if (code === 34 || code === 39) {
      index = xmlData.indexOf(xmlData[index], index + 1);
      if (index === -1) return;
    } else if (code === closeCode0) {
      if (closeCode1 !== -1) {
        if (xmlData.charCodeAt(index + 1) === closeCode1) {
          result += xmlData.substring(segmentStart, index);
          return { data: result, index };
        }
      } else {
        result += xmlData.substring(segmentStart, index);
        return { data: result, index };
      }
    } else if (code === 9) {
      result += xmlData.substring(segmentStart, index) + " ";
      segmentStart = index + 1;
    }
  }
}
function findClosingIndex(xmlData, str, i2, errMsg) {
  const closingIndex = xmlData.indexOf(str, i2);
  if (closingIndex === -1) {
    throw new Error(errMsg);
  } else {
    return closingIndex + str.length - 1;
  }
}
function findClosingChar(xmlData, char, i2, errMsg) {
  const closingIndex = xmlData.indexOf(char, i2);
  if (closingIndex === -1) throw new Error(errMsg);
  return closingIndex;
}
function readTagExp(xmlData, i2, removeNSPrefix, closingChar = ">") {
  const result = tagExpWithClosingIndex(xmlData, i2 + 1, closingChar);
  if (!result) return;
  let tagExp = result.data;
  const closeIndex = result.index;
  const separatorIndex = tagExp.search(/\s/);
  let tagName = tagExp;
  let attrExpPresent = true;
  if (separatorIndex !== -1) {
    tagName = tagExp.substring(0, separatorIndex);
    tagExp = tagExp.substring(separatorIndex + 1).trimStart();
  }
  const rawTagName = tagName;
  if (removeNSPrefix) {
    const colonIndex = tagName.indexOf(":");
    if (colonIndex !== -1) {
      tagName = tagName.substr(colonIndex + 1);
      attrExpPresent = tagName !== result.data.substr(colonIndex + 1);
    }
  }
  return {
    tagName,
    tagExp,
    closeIndex,
    attrExpPresent,
    rawTagName
  };
}
function readStopNodeData(xmlData, tagName, i2) {
  const startIndex = i2;
  let openTagCount = 1;
  let lenient = false;
  let nextGt = -1;
  const xmllen = xmlData.length;
  for (; i2 < xmllen; i2++) {
    if (xmlData[i2] === "<") {
      const c1 = xmlData.charCodeAt(i2 + 1);
      if (c1 === 47) {
        const closeIndex = findClosingChar(xmlData, ">", i2, `${tagName} is not closed`);
        let closeTagName = xmlData.substring(i2 + 2, closeIndex).trim();
        if (closeTagName === tagName) {
          openTagCount--;
          if (openTagCount === 0) {
            return {
              tagContent: xmlData.substring(startIndex, i2),
              i: closeIndex
            };
          }
        }
        i2 = closeIndex;
      } else if (c1 === 63) {
        const closeIndex = findClosingIndex(xmlData, "?>", i2 + 1, "StopNode is not closed.");
        i2 = closeIndex;
      } else if (c1 === 33 && xmlData.charCodeAt(i2 + 2) === 45 && xmlData.charCodeAt(i2 + 3) === 45) {
        const closeIndex = findClosingIndex(xmlData, "-->", i2 + 3, "StopNode is not closed.");
        i2 = closeIndex;
      } else if (c1 === 33 && xmlData.charCodeAt(i2 + 2) === 91) {
        const closeIndex = findClosingIndex(xmlData, "]]>", i2, "StopNode is not closed.") - 2;
        i2 = closeIndex;
      } else {
        const tagData = lenient ? void 0 : readTagExp(xmlData, i2, false);
        if (tagData) {
          const openTagName = tagData.tagName;
          if (openTagName === tagName && tagData.tagExp[tagData.tagExp.length - 1] !== "/") {
            openTagCount++;
          }
          i2 = tagData.closeIndex;
        } else {
          lenient = true;
          if (nextGt < i2) {
            nextGt = xmlData.indexOf(">", i2);
            if (nextGt === -1) return;
          }
          const nextLt = xmlData.indexOf("<", i2 + 1);
          if (nextLt === -1 || nextLt > nextGt) {
            const exp = xmlData.substring(i2 + 1, nextGt);
            const sep2 = exp.search(/\s/);
            const name = sep2 === -1 ? exp : exp.substring(0, sep2);
            if (name === tagName && exp[exp.length - 1] !== "/") openTagCount++;
            i2 = nextGt;
          }
        }
      }
    }
  }
}
function parseValue(val, shouldParse, options) {
  if (shouldParse && typeof val === "string") {
    const newval = val.trim();
    if (newval === "true") return true;
    else if (newval === "false") return false;
    else return toNumber(val, options);
  } else {
    if (isExist(val)) {
      return val;
    } else {
      return "";
    }
  }
}
function transformTagName(fn, tagName, tagExp, options) {
  if (fn) {
    const newTagName = fn(tagName);
    if (tagExp === tagName) {
      tagExp = newTagName;
    }
    tagName = newTagName;
  }
  tagName = sanitizeName(tagName, options);
  return { tagName, tagExp };
}
function sanitizeName(name, options) {
  if (criticalProperties.includes(name)) {
    throw new Error(`[SECURITY] Invalid name: "${name}" is a reserved JavaScript keyword that could cause prototype pollution`);
  } else if (DANGEROUS_PROPERTY_NAMES.includes(name)) {
    return options.onDangerousProperty(name);
  }
  return name;
}

// node_modules/fast-xml-parser/src/xmlparser/node2json.js
var METADATA_SYMBOL2 = XmlNode.getMetaDataSymbol();
function stripAttributePrefix(attrs2, prefix) {
  if (!attrs2 || typeof attrs2 !== "object") return {};
  if (!prefix) return attrs2;
  const rawAttrs = {};
  for (const key in attrs2) {
    if (key.startsWith(prefix)) {
      const rawName = key.substring(prefix.length);
      rawAttrs[rawName] = attrs2[key];
    } else {
      rawAttrs[key] = attrs2[key];
    }
  }
  return rawAttrs;
}
function prettify(node, options, matcher, readonlyMatcher) {
  return compress(node, options, matcher, readonlyMatcher);
}
function compress(arr, options, matcher, readonlyMatcher) {
  let text2;
  const compressedObj = {};
  for (let i2 = 0; i2 < arr.length; i2++) {
    const tagObj = arr[i2];
    const property = propName(tagObj);
    if (property !== void 0 && property !== options.textNodeName) {
      const rawAttrs = stripAttributePrefix(
        tagObj[":@"] || {},
        options.attributeNamePrefix
      );
      matcher.push(property, rawAttrs);
    }
    if (property === options.textNodeName) {
      if (text2 === void 0) text2 = tagObj[property];
      else text2 += "" + tagObj[property];
    } else if (property === void 0) {
      continue;
    } else if (tagObj[property]) {
      let val = compress(tagObj[property], options, matcher, readonlyMatcher);
      const isLeaf = isLeafTag(val, options);
      if (Object.keys(val).length === 0 && options.alwaysCreateTextNode) {
        val[options.textNodeName] = "";
      }
      if (tagObj[":@"]) {
        assignAttributes(val, tagObj[":@"], readonlyMatcher, options);
      } else if (Object.keys(val).length === 1 && val[options.textNodeName] !== void 0 && !options.alwaysCreateTextNode) {
        val = val[options.textNodeName];
      } else if (Object.keys(val).length === 0) {
        if (options.alwaysCreateTextNode) val[options.textNodeName] = "";
        else val = "";
      }
      if (tagObj[METADATA_SYMBOL2] !== void 0 && typeof val === "object" && val !== null) {
        val[METADATA_SYMBOL2] = tagObj[METADATA_SYMBOL2];
      }
      if (compressedObj[property] !== void 0 && Object.prototype.hasOwnProperty.call(compressedObj, property)) {
        if (!Array.isArray(compressedObj[property])) {
          compressedObj[property] = [compressedObj[property]];
        }
        compressedObj[property].push(val);
      } else {
        const jPathOrMatcher = options.jPath ? readonlyMatcher.toString() : readonlyMatcher;
        if (options.isArray(property, jPathOrMatcher, isLeaf)) {
          compressedObj[property] = [val];
        } else {
          compressedObj[property] = val;
        }
      }
      if (property !== void 0 && property !== options.textNodeName) {
        matcher.pop();
      }
    }
  }
  if (typeof text2 === "string") {
    if (text2.length > 0) compressedObj[options.textNodeName] = text2;
  } else if (text2 !== void 0) compressedObj[options.textNodeName] = text2;
  return compressedObj;
}
function propName(obj) {
  const keys = Object.keys(obj);
  for (let i2 = 0; i2 < keys.length; i2++) {
    const key = keys[i2];
    if (key !== ":@") return key;
  }
}
function assignAttributes(obj, attrMap, readonlyMatcher, options) {
  if (attrMap) {
    const keys = Object.keys(attrMap);
    const len = keys.length;
    for (let i2 = 0; i2 < len; i2++) {
      const atrrName = keys[i2];
      const rawAttrName = atrrName.startsWith(options.attributeNamePrefix) ? atrrName.substring(options.attributeNamePrefix.length) : atrrName;
      const jPathOrMatcher = options.jPath ? readonlyMatcher.toString() + "." + rawAttrName : readonlyMatcher;
      if (options.isArray(atrrName, jPathOrMatcher, true, true)) {
        obj[atrrName] = [attrMap[atrrName]];
      } else {
        obj[atrrName] = attrMap[atrrName];
      }
    }
  }
}
function isLeafTag(obj, options) {
  const { textNodeName } = options;
  const propCount = Object.keys(obj).length;
  if (propCount === 0) {
    return true;
  }
  if (propCount === 1 && (obj[textNodeName] || typeof obj[textNodeName] === "boolean" || obj[textNodeName] === 0)) {
    return true;
  }
  return false;
}

// node_modules/fast-xml-parser/src/xmlparser/XMLParser.js
var XMLParser = class {
  constructor(options) {
    this.externalEntities = {};
    this.options = buildOptions(options);
  }
  /**
   * Parse XML dats to JS object 
   * @param {string|Uint8Array} xmlData 
   * @param {boolean|Object} validationOption 
   */
  parse(xmlData, validationOption) {
    if (typeof xmlData !== "string" && xmlData.toString) {
      if (xmlData instanceof Uint8Array && !(typeof Buffer !== "undefined" && Buffer.isBuffer(xmlData))) {
        xmlData = new TextDecoder("utf-8", { ignoreBOM: true }).decode(xmlData);
      } else {
        xmlData = xmlData.toString();
      }
    } else if (typeof xmlData !== "string") {
      throw new Error("XML data is accepted in String or Bytes[] form.");
    }
    if (validationOption) {
      if (validationOption === true) validationOption = {};
      const result = validate(xmlData, validationOption);
      if (result !== true) {
        throw Error(`${result.err.msg}:${result.err.line}:${result.err.col}`);
      }
    }
    const orderedObjParser = new OrderedObjParser(this.options, this.externalEntities);
    const orderedResult = orderedObjParser.parseXml(xmlData);
    if (this.options.preserveOrder || orderedResult === void 0) return orderedResult;
    else return prettify(orderedResult, this.options, orderedObjParser.matcher, orderedObjParser.readonlyMatcher);
  }
  /**
   * Add Entity which is not by default supported by this library
   * @param {string} key 
   * @param {string} value 
   */
  addEntity(key, value) {
    if (value.indexOf("&") !== -1) {
      throw new Error("Entity value can't have '&'");
    } else if (key.indexOf("&") !== -1 || key.indexOf(";") !== -1) {
      throw new Error("An entity must be set without '&' and ';'. Eg. use '#xD' for '&#xD;'");
    } else if (value === "&") {
      throw new Error("An entity with value '&' is not permitted");
    } else {
      this.externalEntities[key] = value;
    }
  }
  /**
   * Returns a Symbol that can be used to access the metadata
   * property on a node.
   * 
   * If Symbol is not available in the environment, an ordinary property is used
   * and the name of the property is here returned.
   * 
   * The XMLMetaData property is only present when `captureMetaData`
   * is true in the options.
   */
  static getMetaDataSymbol() {
    return XmlNode.getMetaDataSymbol();
  }
};

// src/core/xlsform/xml.ts
var REPEATED = /* @__PURE__ */ new Set(["sheet", "Relationship", "row", "c", "si", "r", "xf", "numFmt"]);
var parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => REPEATED.has(name)
});
var XmlError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "XmlError";
  }
};
function parseXml2(text2) {
  if (text2.charCodeAt(0) === 65279) text2 = text2.slice(1);
  if (/<!DOCTYPE/i.test(text2) || /<!ENTITY/i.test(text2)) {
    throw new XmlError("it declares a DOCTYPE or entities, which SpreadsheetML never does");
  }
  let doc;
  try {
    doc = parser.parse(text2);
  } catch (e) {
    throw new XmlError(e instanceof Error ? e.message : String(e));
  }
  if (!doc || typeof doc !== "object") throw new XmlError("it is not XML");
  return doc;
}
function children(node, name) {
  if (!node || typeof node !== "object") return [];
  const v = node[name];
  if (v === void 0 || v === null) return [];
  const list2 = Array.isArray(v) ? v : [v];
  return list2.map((x2) => typeof x2 === "object" && x2 !== null ? x2 : { "#text": String(x2) });
}
function child(node, name) {
  return children(node, name)[0];
}
function attr(node, name) {
  const v = node?.["@" + name];
  return v === void 0 || v === null ? void 0 : decodeEntities2(String(v));
}
var NAMED2 = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
function decodeEntities2(s) {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (m, e) => {
    if (e[0] !== "#") return NAMED2[e] ?? m;
    const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 1114111 && !(code >= 55296 && code <= 57343) ? String.fromCodePoint(code) : m;
  });
}

// src/core/xlsform/xml-scan.ts
function localName(qname) {
  const colon = qname.indexOf(":");
  return colon < 0 ? qname : qname.slice(colon + 1);
}
var ATTR = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
function attrs(tag) {
  const out = {};
  let from = 0;
  while (from < tag.length && !/[\s/]/.test(tag[from])) from++;
  ATTR.lastIndex = from;
  for (let m = ATTR.exec(tag); m; m = ATTR.exec(tag)) {
    out[localName(m[1])] = decodeEntities2(m[2] ?? m[3] ?? "");
  }
  return out;
}
function scanXml(xml, handler) {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw new XmlError("it declares a DOCTYPE or entities, which SpreadsheetML never does");
  }
  const n = xml.length;
  let pos = 0;
  let dq = -2;
  let sq = -2;
  const nextQuote = (from) => {
    if (dq !== -1 && dq < from) dq = xml.indexOf('"', from);
    if (sq !== -1 && sq < from) sq = xml.indexOf("'", from);
    return dq < 0 ? sq : sq < 0 ? dq : Math.min(dq, sq);
  };
  while (pos < n) {
    const lt = xml.indexOf("<", pos);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > pos && handler.wantText()) handler.text(decodeEntities2(xml.slice(pos, textEnd)));
    if (lt < 0) break;
    if (xml.startsWith("<!--", lt)) {
      const end = xml.indexOf("-->", lt + 4);
      if (end < 0) throw new XmlError("an unterminated comment");
      pos = end + 3;
      continue;
    }
    if (xml.startsWith("<![CDATA[", lt)) {
      const end = xml.indexOf("]]>", lt + 9);
      if (end < 0) throw new XmlError("an unterminated CDATA section");
      if (handler.wantText()) handler.text(xml.slice(lt + 9, end));
      pos = end + 3;
      continue;
    }
    if (xml.startsWith("<?", lt) || xml.startsWith("<!", lt)) {
      const end = xml.indexOf(">", lt + 2);
      if (end < 0) throw new XmlError("an unterminated declaration");
      pos = end + 1;
      continue;
    }
    let j = lt + 1;
    for (; ; ) {
      const gt = xml.indexOf(">", j);
      if (gt < 0) throw new XmlError("an unterminated tag");
      const q = nextQuote(j);
      if (q < 0 || q > gt) {
        j = gt;
        break;
      }
      const close = xml.indexOf(xml[q], q + 1);
      if (close < 0) throw new XmlError("an unterminated attribute value");
      j = close + 1;
    }
    const tag = xml.slice(lt + 1, j);
    pos = j + 1;
    if (tag.startsWith("/")) {
      handler.close(localName(tag.slice(1).trim()));
      continue;
    }
    const selfClosing = tag.endsWith("/");
    let nameEnd = 0;
    while (nameEnd < tag.length && !/[\s/]/.test(tag[nameEnd])) nameEnd++;
    const name = localName(tag.slice(0, nameEnd));
    handler.open(name, tag, selfClosing);
    if (selfClosing) handler.close(name);
  }
}

// src/core/xlsform/zip.ts
var ZipError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "ZipError";
  }
};
var EOCD_SIGNATURE = 101010256;
var CENTRAL_SIGNATURE = 33639248;
var LOCAL_SIGNATURE = 67324752;
var INFLATE_STEP = 4096;
function u162(b, at2) {
  return (b[at2] ?? 0) | (b[at2 + 1] ?? 0) << 8;
}
function u32(b, at2) {
  return ((b[at2] ?? 0) | (b[at2 + 1] ?? 0) << 8 | (b[at2 + 2] ?? 0) << 16 | (b[at2 + 3] ?? 0) << 24) >>> 0;
}
function listZipEntries(bytes2, limits) {
  if (bytes2.length < 22) throw new ZipError("too short to be a zip archive");
  let eocd = -1;
  const lowest = Math.max(0, bytes2.length - 22 - 65535);
  for (let at3 = bytes2.length - 22; at3 >= lowest; at3--) {
    if (u32(bytes2, at3) === EOCD_SIGNATURE) {
      eocd = at3;
      break;
    }
  }
  if (eocd < 0) throw new ZipError("no zip directory found (the file is damaged or not a zip archive)");
  const count2 = u162(bytes2, eocd + 10);
  const dirSize = u32(bytes2, eocd + 12);
  const dirOffset = u32(bytes2, eocd + 16);
  if (count2 === 65535 || dirOffset === 4294967295 || dirSize === 4294967295) {
    throw new ZipError("zip64 archives are not supported");
  }
  if (count2 > limits.maxEntries) {
    throw new ZipError(`the archive lists ${count2} entries; an XLSForm needs far fewer (limit ${limits.maxEntries})`);
  }
  if (dirOffset + dirSize > eocd) throw new ZipError("the zip directory points outside the file");
  const entries = [];
  let at2 = dirOffset;
  for (let i2 = 0; i2 < count2; i2++) {
    if (at2 + 46 > eocd || u32(bytes2, at2) !== CENTRAL_SIGNATURE) throw new ZipError("the zip directory is damaged");
    const flags = u162(bytes2, at2 + 8);
    const method = u162(bytes2, at2 + 10);
    const compressedSize = u32(bytes2, at2 + 20);
    const uncompressedSize = u32(bytes2, at2 + 24);
    const nameLength2 = u162(bytes2, at2 + 28);
    const extraLength = u162(bytes2, at2 + 30);
    const commentLength = u162(bytes2, at2 + 32);
    const localHeaderOffset = u32(bytes2, at2 + 42);
    if (at2 + 46 + nameLength2 > eocd) throw new ZipError("the zip directory is damaged");
    const rawName = bytes2.subarray(at2 + 46, at2 + 46 + nameLength2);
    const name = flags & 2048 ? strFromU8(rawName) : strFromU8(rawName, true);
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
    at2 += 46 + nameLength2 + extraLength + commentLength;
  }
  return entries;
}
function readZipEntries(bytes2, entries, names, limits, alreadyInflated = 0) {
  const wanted = entries.filter((e) => names.includes(e.name));
  let total = alreadyInflated;
  for (const e of wanted) {
    total += e.uncompressedSize;
    if (total > limits.maxUncompressed) {
      throw new ZipError(`its parts would inflate to more than ${formatBytes(limits.maxUncompressed)} (a zip bomb, or far too large a form)`);
    }
  }
  const out = /* @__PURE__ */ new Map();
  for (const e of wanted) out.set(e.name, readEntry(bytes2, e));
  return out;
}
function readEntry(bytes2, e) {
  if (e.flags & 1) throw new ZipError(`the part ${e.name} is encrypted`);
  const at2 = e.localHeaderOffset;
  if (at2 + 30 > bytes2.length || u32(bytes2, at2) !== LOCAL_SIGNATURE) {
    throw new ZipError(`the part ${e.name} is damaged (no local header)`);
  }
  const start = at2 + 30 + u162(bytes2, at2 + 26) + u162(bytes2, at2 + 28);
  const end = start + e.compressedSize;
  if (end > bytes2.length) throw new ZipError(`the part ${e.name} is truncated`);
  const data = bytes2.subarray(start, end);
  if (e.method === 0) {
    if (e.compressedSize !== e.uncompressedSize) throw new ZipError(`the part ${e.name} is damaged (size mismatch)`);
    return data.slice();
  }
  if (e.method !== 8) throw new ZipError(`the part ${e.name} uses an unsupported compression method (${e.method})`);
  return inflateCapped(data, e.uncompressedSize, e.name);
}
function inflateCapped(data, declared, name) {
  const out = new Uint8Array(declared);
  let written = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    if (written + chunk.length > declared) {
      throw new ZipError(`the part ${name} inflates to more than the ${declared} bytes it declares (a zip bomb?)`);
    }
    out.set(chunk, written);
    written += chunk.length;
    if (final) done = true;
  });
  try {
    for (let at2 = 0; at2 < data.length; at2 += INFLATE_STEP) {
      const end = Math.min(at2 + INFLATE_STEP, data.length);
      inflater.push(data.subarray(at2, end), end === data.length);
      if (done) break;
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof ZipError) throw e;
    throw new ZipError(`the part ${name} is damaged (${e instanceof Error ? e.message : String(e)})`);
  }
  if (written !== declared) throw new ZipError(`the part ${name} is damaged (${written} of ${declared} bytes)`);
  return out;
}
function formatBytes(n) {
  if (n >= 1024 * 1024) return `${Math.round(n / (1024 * 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024 * 10) / 10} KB`;
  return `${n} bytes`;
}

// src/core/xlsform/xlsx.ts
var DEFAULT_XLSX_LIMITS = {
  maxBytes: 20 * 1024 * 1024,
  maxEntries: 1e3,
  maxUncompressed: 100 * 1024 * 1024,
  maxRows: 5e4,
  maxColumns: 1024
};
var REL_OFFICE_DOCUMENT = "/officeDocument";
var REL_WORKSHEET = "/worksheet";
var REL_SHARED_STRINGS = "/sharedStrings";
var REL_STYLES = "/styles";
var MAX_STRUCTURE_PART = 2 * 1024 * 1024;
function readXlsx(bytes2, fileName, options = {}) {
  const limits = { ...DEFAULT_XLSX_LIMITS, ...options.limits };
  const fail = (message, where = {}) => {
    throw new XlsFormError(`${fileName}: ${message}`, [{ severity: "error", file: fileName, ...where, message }]);
  };
  if (bytes2.length > limits.maxBytes) {
    fail(`the file has ${formatBytes(bytes2.length)}; Dala reads XLSForms of up to ${formatBytes(limits.maxBytes)}`);
  }
  if (bytes2[0] === 208 && bytes2[1] === 207 && bytes2[2] === 17 && bytes2[3] === 224) {
    fail(
      "not an xlsx file: this is an old .xls workbook or a password-protected one; save it as Excel Workbook (.xlsx) without a password"
    );
  }
  if (!(bytes2[0] === 80 && bytes2[1] === 75)) fail("not an xlsx file (it is not a zip archive)");
  let entries;
  try {
    entries = listZipEntries(bytes2, limits);
  } catch (e) {
    return fail(`not an xlsx file (${e instanceof Error ? e.message : String(e)})`);
  }
  const byName = /* @__PURE__ */ new Map();
  for (const e of entries) byName.set(e.name.toLowerCase(), e);
  let inflated = 0;
  const readParts = (names) => {
    const real = names.map((n) => byName.get(n.toLowerCase())?.name).filter((n) => !!n);
    try {
      const raw = readZipEntries(bytes2, entries, real, limits, inflated);
      for (const data of raw.values()) inflated += data.length;
      const out = /* @__PURE__ */ new Map();
      for (const [k, v] of raw) out.set(k.toLowerCase(), v);
      return out;
    } catch (e) {
      if (e instanceof ZipError) return fail(`cannot be read: ${e.message}`);
      throw e;
    }
  };
  const textOf = (parts2, name) => {
    const data = parts2.get(name.toLowerCase());
    if (!data) return void 0;
    if (data[0] === 255 && data[1] === 254 || data[0] === 254 && data[1] === 255) {
      fail(`the part ${name} is UTF-16 encoded, which Dala does not read; save the file again from a spreadsheet program`);
    }
    return strFromU8(data);
  };
  const xmlOf = (parts2, name) => {
    const xml = textOf(parts2, name);
    if (xml === void 0) return void 0;
    if (xml.length > MAX_STRUCTURE_PART) fail(`the part ${name} is ${formatBytes(xml.length)}, far more than a workbook needs`);
    try {
      return parseXml2(xml);
    } catch (e) {
      if (e instanceof XmlError) return fail(`the part ${name} is not valid XML: ${e.message}`);
      throw e;
    }
  };
  const scanned = (parts2, name, read) => {
    const xml = textOf(parts2, name);
    if (xml === void 0) return void 0;
    try {
      return read(xml);
    } catch (e) {
      if (e instanceof XmlError) return fail(`the part ${name} is not valid XML: ${e.message}`);
      throw e;
    }
  };
  const rootParts = readParts(["_rels/.rels"]);
  let workbookPath = "xl/workbook.xml";
  const rootRels = xmlOf(rootParts, "_rels/.rels");
  if (rootRels) {
    const office = relationships(rootRels, "").find((r) => r.type.endsWith(REL_OFFICE_DOCUMENT));
    if (office) workbookPath = office.target;
  }
  const workbookRelsPath = relsPathOf(workbookPath);
  const wbParts = readParts([workbookPath, workbookRelsPath]);
  const workbookXml = xmlOf(wbParts, workbookPath);
  if (!workbookXml) fail(`not an xlsx file (it has no workbook part ${workbookPath})`);
  const workbook = child(workbookXml, "workbook");
  const date1904 = ["1", "true"].includes((attr(child(workbook, "workbookPr"), "date1904") ?? "").toLowerCase());
  const rels = relationships(xmlOf(wbParts, workbookRelsPath), dirOf(workbookPath));
  const relById = new Map(rels.map((r) => [r.id, r]));
  const sheetRefs = [];
  for (const s of children(child(workbook, "sheets"), "sheet")) {
    const name = attr(s, "name") ?? "";
    const rel = relById.get(attr(s, "id") ?? "");
    sheetRefs.push({ name, path: rel && rel.type.endsWith(REL_WORKSHEET) ? rel.target : void 0 });
  }
  const wanted = sheetRefs.filter((s) => options.wanted ? options.wanted(s.name) : true);
  const otherSheets = sheetRefs.filter((s) => !wanted.includes(s)).map((s) => s.name);
  const sharedStringsPath = rels.find((r) => r.type.endsWith(REL_SHARED_STRINGS))?.target;
  const stylesPath = rels.find((r) => r.type.endsWith(REL_STYLES))?.target;
  const partNames = wanted.map((s) => s.path).filter((p) => !!p);
  if (sharedStringsPath) partNames.push(sharedStringsPath);
  if (stylesPath) partNames.push(stylesPath);
  const parts = readParts(partNames);
  const sharedStrings = sharedStringsPath && scanned(parts, sharedStringsPath, readSharedStrings) || [];
  const dateStyles = stylesPath && scanned(parts, stylesPath, readDateStyles) || /* @__PURE__ */ new Set();
  const sheets = [];
  for (const ref of wanted) {
    const ctx = { sharedStrings, dateStyles, date1904, limits };
    const sheet = ref.path ? scanned(parts, ref.path, (xml) => readSheet(ref.name, xml, ctx, fail)) : void 0;
    if (!sheet) {
      otherSheets.push(ref.name);
      continue;
    }
    sheets.push(sheet);
  }
  return { sheets, otherSheets };
}
function relationships(doc, baseDir) {
  const out = [];
  for (const r of children(child(doc, "Relationships"), "Relationship")) {
    if ((attr(r, "TargetMode") ?? "").toLowerCase() === "external") continue;
    const target = attr(r, "Target");
    if (!target) continue;
    out.push({ id: attr(r, "Id") ?? "", type: attr(r, "Type") ?? "", target: resolvePart(baseDir, target) });
  }
  return out;
}
function dirOf(path) {
  const i2 = path.lastIndexOf("/");
  return i2 < 0 ? "" : path.slice(0, i2 + 1);
}
function relsPathOf(path) {
  const dir = dirOf(path);
  return `${dir}_rels/${path.slice(dir.length)}.rels`;
}
function resolvePart(baseDir, target) {
  const joined = target.startsWith("/") ? target.slice(1) : baseDir + target;
  const out = [];
  for (const seg of joined.split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}
function unescapeOoxml(s) {
  if (!s.includes("_x")) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}
function readSharedStrings(xml) {
  const out = [];
  let current;
  let inT = false;
  let phonetic = 0;
  scanXml(xml, {
    open(name, _attrs, selfClosing) {
      if (name === "si") current = [];
      else if (name === "rPh") phonetic++;
      else if (name === "t" && current && !phonetic && !selfClosing) inT = true;
    },
    close(name) {
      if (name === "si" && current) {
        out.push(unescapeOoxml(current.join("")));
        current = void 0;
      } else if (name === "rPh") phonetic = Math.max(0, phonetic - 1);
      else if (name === "t") inT = false;
    },
    text(data) {
      current?.push(data);
    },
    wantText: () => inT
  });
  return out;
}
function readDateStyles(xml) {
  const custom2 = /* @__PURE__ */ new Map();
  const formats = [];
  let inCellXfs = false;
  scanXml(xml, {
    open(name, tag, selfClosing) {
      if (name === "numFmt") {
        const a = attrs(tag);
        custom2.set(Number(a.numFmtId), a.formatCode ?? "");
      } else if (name === "cellXfs" && !selfClosing) inCellXfs = true;
      else if (name === "xf" && inCellXfs) formats.push(Number(attrs(tag).numFmtId ?? "0"));
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
    text() {
    },
    wantText: () => false
  });
  const out = /* @__PURE__ */ new Set();
  formats.forEach((id, i2) => {
    if (isDateFormat(id, custom2.get(id))) out.add(i2);
  });
  return out;
}
function isDateFormat(id, code) {
  if (id >= 14 && id <= 22 || id >= 45 && id <= 47 || id >= 27 && id <= 36 || id >= 50 && id <= 58) return true;
  if (code === void 0) return false;
  const bare = code.replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/\[[^\]]*\]/g, "");
  if (/general/i.test(bare)) return false;
  return /[dmyhs]/i.test(bare);
}
var DAY_MS = 864e5;
function excelSerialToIso(serial, date1904) {
  const days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86400);
  let dayShift = 0;
  if (seconds >= 86400) {
    seconds -= 86400;
    dayShift = 1;
  }
  const pad = (n) => String(n).padStart(2, "0");
  const hh = pad(Math.floor(seconds / 3600));
  const mm = pad(Math.floor(seconds % 3600 / 60));
  const ss = seconds % 60;
  const time = ss ? `${hh}:${mm}:${pad(ss)}` : `${hh}:${mm}`;
  if (!date1904 && days === 0 && dayShift === 0) return time;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : days + dayShift < 61 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + (days + dayShift) * DAY_MS).toISOString().slice(0, 10);
  return seconds ? `${date}T${hh}:${mm}:${pad(ss)}` : date;
}
function readSheet(name, xml, ctx, fail) {
  const rows = [];
  let previousRow = 0;
  let rowNumber = 0;
  let cells;
  let previousColumn = -1;
  let cell;
  let capture;
  let inInline = false;
  let phonetic = 0;
  const endCell = (c) => {
    const parsed = c.ref ? parseCellRef(c.ref) : void 0;
    const column = parsed ? parsed.column : previousColumn + 1;
    previousColumn = column;
    const value = cellValue(c, ctx, (m) => fail(m, { sheet: name, row: rowNumber, column: columnLetter(column) }));
    if (value === "" || !cells) return;
    if (column >= ctx.limits.maxColumns) {
      fail(`sheet '${name}' has a value in column ${columnLetter(column)}; Dala reads up to ${ctx.limits.maxColumns} columns`, {
        sheet: name,
        row: rowNumber
      });
    }
    while (cells.length < column) cells.push("");
    cells[column] = value;
  };
  scanXml(xml, {
    open(element, tag, selfClosing) {
      switch (element) {
        case "row": {
          const r = Number(attrs(tag).r);
          rowNumber = Number.isInteger(r) && r > 0 ? r : previousRow + 1;
          previousRow = rowNumber;
          if (rowNumber > 1048576) fail(`sheet '${name}' has a row number ${rowNumber}, beyond what a spreadsheet can have`);
          cells = [];
          previousColumn = -1;
          return;
        }
        case "c": {
          if (selfClosing) {
            const column = columnOfRef(tag);
            previousColumn = column ?? previousColumn + 1;
            cell = void 0;
            return;
          }
          const a = attrs(tag);
          cell = { ref: a.r, type: a.t, style: a.s };
          return;
        }
        case "v":
          if (cell && !selfClosing) capture = [];
          return;
        case "is":
          if (cell) {
            inInline = true;
            cell.inline ??= [];
          }
          return;
        case "rPh":
          phonetic++;
          return;
        case "t":
          if (cell && inInline && !phonetic && !selfClosing) capture = [];
          return;
        default:
          return;
      }
    },
    close(element) {
      switch (element) {
        case "row":
          if (cells && cells.length) {
            if (rows.length >= ctx.limits.maxRows) fail(`sheet '${name}' has more than ${ctx.limits.maxRows} rows`, { sheet: name });
            rows.push({ row: rowNumber, cells });
          }
          cells = void 0;
          return;
        case "c":
          if (cell) endCell(cell);
          cell = void 0;
          inInline = false;
          return;
        case "v":
          if (cell && capture) cell.value = capture.join("");
          capture = void 0;
          return;
        case "is":
          inInline = false;
          return;
        case "rPh":
          phonetic = Math.max(0, phonetic - 1);
          return;
        case "t":
          if (cell?.inline && capture) cell.inline.push(capture.join(""));
          capture = void 0;
          return;
        default:
          return;
      }
    },
    text(data) {
      capture?.push(data);
    },
    wantText: () => capture !== void 0
  });
  return { name, rows };
}
function columnOfRef(tag) {
  const at2 = tag.search(/\sr\s*=/);
  if (at2 < 0) return void 0;
  const m = /^\s*r\s*=\s*["']([^"']*)["']/.exec(tag.slice(at2));
  return m ? parseCellRef(m[1])?.column : void 0;
}
function cellValue(c, ctx, fail) {
  const type = c.type ?? "n";
  const v = c.value;
  switch (type) {
    case "s": {
      if (v === void 0) return "";
      const i2 = Number(v);
      const s = Number.isInteger(i2) ? ctx.sharedStrings[i2] : void 0;
      if (s === void 0) fail(`the file is damaged: a cell refers to shared string ${v.trim()}, which does not exist`);
      return s ?? "";
    }
    case "inlineStr":
      return unescapeOoxml((c.inline ?? []).join(""));
    case "str":
      return v === void 0 ? "" : unescapeOoxml(v);
    case "b":
      return v === void 0 ? "" : v.trim() === "1" ? "TRUE" : "FALSE";
    case "e":
      return v ?? "";
    case "d":
      return (v ?? "").trim().replace(/T00:00(:00(\.0+)?)?Z?$/, "");
    default: {
      if (v === void 0) return "";
      const raw = v.trim();
      const n = Number(raw);
      if (raw !== "" && Number.isFinite(n) && n >= 0 && ctx.dateStyles.has(Number(c.style ?? "0"))) {
        return excelSerialToIso(n, ctx.date1904);
      }
      return raw;
    }
  }
}

// node_modules/valibot/dist/index.mjs
var store$4;
var DEFAULT_CONFIG = {
  lang: void 0,
  message: void 0,
  abortEarly: void 0,
  abortPipeEarly: void 0
};
// @__NO_SIDE_EFFECTS__
function getGlobalConfig(config$1) {
  if (!config$1 && !store$4) return DEFAULT_CONFIG;
  return {
    lang: config$1?.lang ?? store$4?.lang,
    message: config$1?.message,
    abortEarly: config$1?.abortEarly ?? store$4?.abortEarly,
    abortPipeEarly: config$1?.abortPipeEarly ?? store$4?.abortPipeEarly
  };
}
var store$3;
// @__NO_SIDE_EFFECTS__
function getGlobalMessage(lang) {
  return store$3?.get(lang);
}
var store$2;
// @__NO_SIDE_EFFECTS__
function getSchemaMessage(lang) {
  return store$2?.get(lang);
}
var store$1;
// @__NO_SIDE_EFFECTS__
function getSpecificMessage(reference, lang) {
  return store$1?.get(reference)?.get(lang);
}
// @__NO_SIDE_EFFECTS__
function _stringify(input) {
  const type = typeof input;
  if (type === "string") return `"${input}"`;
  if (type === "number" || type === "bigint" || type === "boolean") return `${input}`;
  if (type === "object" || type === "function") return (input && Object.getPrototypeOf(input)?.constructor?.name) ?? "null";
  return type;
}
function _addIssue(context, label, dataset, config$1, other) {
  const input = other && "input" in other ? other.input : dataset.value;
  const expected2 = other?.expected ?? context.expects ?? null;
  const received = other?.received ?? /* @__PURE__ */ _stringify(input);
  const issue = {
    kind: context.kind,
    type: context.type,
    input,
    expected: expected2,
    received,
    message: `Invalid ${label}: ${expected2 ? `Expected ${expected2} but r` : "R"}eceived ${received}`,
    requirement: context.requirement,
    path: other?.path,
    issues: other?.issues,
    lang: config$1.lang,
    abortEarly: config$1.abortEarly,
    abortPipeEarly: config$1.abortPipeEarly
  };
  const isSchema = context.kind === "schema";
  const message$1 = other?.message ?? context.message ?? /* @__PURE__ */ getSpecificMessage(context.reference, issue.lang) ?? (isSchema ? /* @__PURE__ */ getSchemaMessage(issue.lang) : null) ?? config$1.message ?? /* @__PURE__ */ getGlobalMessage(issue.lang);
  if (message$1 !== void 0) issue.message = typeof message$1 === "function" ? message$1(issue) : message$1;
  if (isSchema) dataset.typed = false;
  if (dataset.issues) dataset.issues.push(issue);
  else dataset.issues = [issue];
}
// @__NO_SIDE_EFFECTS__
function _isSameValueZero(value1, value2) {
  return value1 === value2 || Number.isNaN(value1) && Number.isNaN(value2);
}
// @__NO_SIDE_EFFECTS__
function _isValidObjectKey(object$1, key) {
  return Object.prototype.hasOwnProperty.call(object$1, key) && key !== "__proto__" && key !== "prototype" && key !== "constructor";
}
// @__NO_SIDE_EFFECTS__
function _joinExpects(values$1, separator) {
  const list2 = [...new Set(values$1)];
  if (list2.length > 1) return `(${list2.join(` ${separator} `)})`;
  return list2[0] ?? "never";
}
function _standardSchema(schema) {
  schema["~standard"] = {
    version: 1,
    vendor: "valibot",
    validate: (value$1) => schema["~run"]({ value: value$1 }, /* @__PURE__ */ getGlobalConfig())
  };
  return schema;
}
// @__NO_SIDE_EFFECTS__
function check(requirement, message$1) {
  return {
    kind: "validation",
    type: "check",
    reference: check,
    async: false,
    expects: null,
    requirement,
    message: message$1,
    "~run"(dataset, config$1) {
      if (dataset.typed && !this.requirement(dataset.value)) _addIssue(this, "input", dataset, config$1);
      return dataset;
    }
  };
}
// @__NO_SIDE_EFFECTS__
function finite(message$1) {
  return {
    kind: "validation",
    type: "finite",
    reference: finite,
    async: false,
    expects: null,
    requirement: Number.isFinite,
    message: message$1,
    "~run"(dataset, config$1) {
      if (dataset.typed && !this.requirement(dataset.value)) _addIssue(this, "finite", dataset, config$1);
      return dataset;
    }
  };
}
// @__NO_SIDE_EFFECTS__
function maxLength(requirement, message$1) {
  return {
    kind: "validation",
    type: "max_length",
    reference: maxLength,
    async: false,
    expects: `<=${requirement}`,
    requirement,
    message: message$1,
    "~run"(dataset, config$1) {
      if (dataset.typed && dataset.value.length > this.requirement) _addIssue(this, "length", dataset, config$1, { received: `${dataset.value.length}` });
      return dataset;
    }
  };
}
// @__NO_SIDE_EFFECTS__
function minLength(requirement, message$1) {
  return {
    kind: "validation",
    type: "min_length",
    reference: minLength,
    async: false,
    expects: `>=${requirement}`,
    requirement,
    message: message$1,
    "~run"(dataset, config$1) {
      if (dataset.typed && dataset.value.length < this.requirement) _addIssue(this, "length", dataset, config$1, { received: `${dataset.value.length}` });
      return dataset;
    }
  };
}
// @__NO_SIDE_EFFECTS__
function regex(requirement, message$1) {
  return {
    kind: "validation",
    type: "regex",
    reference: regex,
    async: false,
    expects: `${requirement}`,
    requirement,
    message: message$1,
    "~run"(dataset, config$1) {
      if (dataset.typed && !this.requirement.test(dataset.value)) _addIssue(this, "format", dataset, config$1);
      return dataset;
    }
  };
}
// @__NO_SIDE_EFFECTS__
function getFallback(schema, dataset, config$1) {
  return typeof schema.fallback === "function" ? schema.fallback(dataset, config$1) : schema.fallback;
}
// @__NO_SIDE_EFFECTS__
function getDefault(schema, dataset, config$1) {
  return typeof schema.default === "function" ? schema.default(dataset, config$1) : schema.default;
}
// @__NO_SIDE_EFFECTS__
function array(item2, message$1) {
  return _standardSchema({
    kind: "schema",
    type: "array",
    reference: array,
    expects: "Array",
    async: false,
    item: item2,
    message: message$1,
    "~run"(dataset, config$1) {
      const input = dataset.value;
      if (Array.isArray(input)) {
        dataset.typed = true;
        dataset.value = [];
        for (let key = 0; key < input.length; key++) {
          const value$1 = input[key];
          const itemDataset = this.item["~run"]({ value: value$1 }, config$1);
          if (itemDataset.issues) {
            const pathItem = {
              type: "array",
              origin: "value",
              input,
              key,
              value: value$1
            };
            for (const issue of itemDataset.issues) {
              if (issue.path) issue.path.unshift(pathItem);
              else issue.path = [pathItem];
              dataset.issues?.push(issue);
            }
            if (!dataset.issues) dataset.issues = itemDataset.issues;
            if (config$1.abortEarly) {
              dataset.typed = false;
              break;
            }
          }
          if (!itemDataset.typed) dataset.typed = false;
          dataset.value.push(itemDataset.value);
        }
      } else _addIssue(this, "type", dataset, config$1);
      return dataset;
    }
  });
}
// @__NO_SIDE_EFFECTS__
function boolean(message$1) {
  return _standardSchema({
    kind: "schema",
    type: "boolean",
    reference: boolean,
    expects: "boolean",
    async: false,
    message: message$1,
    "~run"(dataset, config$1) {
      if (typeof dataset.value === "boolean") dataset.typed = true;
      else _addIssue(this, "type", dataset, config$1);
      return dataset;
    }
  });
}
// @__NO_SIDE_EFFECTS__
function custom(check$1, message$1) {
  return _standardSchema({
    kind: "schema",
    type: "custom",
    reference: custom,
    expects: "unknown",
    async: false,
    check: check$1,
    message: message$1,
    "~run"(dataset, config$1) {
      if (this.check(dataset.value)) dataset.typed = true;
      else _addIssue(this, "type", dataset, config$1);
      return dataset;
    }
  });
}
// @__NO_SIDE_EFFECTS__
function literal(literal_, message$1) {
  return _standardSchema({
    kind: "schema",
    type: "literal",
    reference: literal,
    expects: /* @__PURE__ */ _stringify(literal_),
    async: false,
    literal: literal_,
    message: message$1,
    "~run"(dataset, config$1) {
      if (/* @__PURE__ */ _isSameValueZero(dataset.value, this.literal)) dataset.typed = true;
      else _addIssue(this, "type", dataset, config$1);
      return dataset;
    }
  });
}
// @__NO_SIDE_EFFECTS__
function number(message$1) {
  return _standardSchema({
    kind: "schema",
    type: "number",
    reference: number,
    expects: "number",
    async: false,
    message: message$1,
    "~run"(dataset, config$1) {
      if (typeof dataset.value === "number" && !isNaN(dataset.value)) dataset.typed = true;
      else _addIssue(this, "type", dataset, config$1);
      return dataset;
    }
  });
}
// @__NO_SIDE_EFFECTS__
function object(entries$1, message$1) {
  return _standardSchema({
    kind: "schema",
    type: "object",
    reference: object,
    expects: "Object",
    async: false,
    entries: entries$1,
    message: message$1,
    "~run"(dataset, config$1) {
      const input = dataset.value;
      if (input && typeof input === "object") {
        dataset.typed = true;
        dataset.value = {};
        for (const key in this.entries) {
          const valueSchema = this.entries[key];
          if (key in input || (valueSchema.type === "exact_optional" || valueSchema.type === "optional" || valueSchema.type === "nullish") && valueSchema.default !== void 0) {
            const value$1 = key in input ? input[key] : /* @__PURE__ */ getDefault(valueSchema);
            const valueDataset = valueSchema["~run"]({ value: value$1 }, config$1);
            if (valueDataset.issues) {
              const pathItem = {
                type: "object",
                origin: "value",
                input,
                key,
                value: value$1
              };
              for (const issue of valueDataset.issues) {
                if (issue.path) issue.path.unshift(pathItem);
                else issue.path = [pathItem];
                dataset.issues?.push(issue);
              }
              if (!dataset.issues) dataset.issues = valueDataset.issues;
              if (config$1.abortEarly) {
                dataset.typed = false;
                break;
              }
            }
            if (!valueDataset.typed) dataset.typed = false;
            dataset.value[key] = valueDataset.value;
          } else if (valueSchema.fallback !== void 0) dataset.value[key] = /* @__PURE__ */ getFallback(valueSchema);
          else if (valueSchema.type !== "exact_optional" && valueSchema.type !== "optional" && valueSchema.type !== "nullish") {
            _addIssue(this, "key", dataset, config$1, {
              input: void 0,
              expected: `"${key}"`,
              path: [{
                type: "object",
                origin: "key",
                input,
                key,
                value: input[key]
              }]
            });
            if (config$1.abortEarly) break;
          }
        }
      } else _addIssue(this, "type", dataset, config$1);
      return dataset;
    }
  });
}
// @__NO_SIDE_EFFECTS__
function optional(wrapped, default_) {
  return _standardSchema({
    kind: "schema",
    type: "optional",
    reference: optional,
    expects: `(${wrapped.expects} | undefined)`,
    async: false,
    wrapped,
    default: default_,
    "~run"(dataset, config$1) {
      if (dataset.value === void 0) {
        if (this.default !== void 0) dataset.value = /* @__PURE__ */ getDefault(this, dataset, config$1);
        if (dataset.value === void 0) {
          dataset.typed = true;
          return dataset;
        }
      }
      return this.wrapped["~run"](dataset, config$1);
    }
  });
}
// @__NO_SIDE_EFFECTS__
function picklist(options, message$1) {
  return _standardSchema({
    kind: "schema",
    type: "picklist",
    reference: picklist,
    expects: /* @__PURE__ */ _joinExpects(options.map(_stringify), "|"),
    async: false,
    options,
    message: message$1,
    "~run"(dataset, config$1) {
      if (this.options.includes(dataset.value)) dataset.typed = true;
      else _addIssue(this, "type", dataset, config$1);
      return dataset;
    }
  });
}
// @__NO_SIDE_EFFECTS__
function record(key, value$1, message$1) {
  return _standardSchema({
    kind: "schema",
    type: "record",
    reference: record,
    expects: "Object",
    async: false,
    key,
    value: value$1,
    message: message$1,
    "~run"(dataset, config$1) {
      const input = dataset.value;
      if (input && typeof input === "object") {
        dataset.typed = true;
        dataset.value = {};
        for (const entryKey in input) if (/* @__PURE__ */ _isValidObjectKey(input, entryKey)) {
          const entryValue = input[entryKey];
          const keyDataset = this.key["~run"]({ value: entryKey }, config$1);
          if (keyDataset.issues) {
            const pathItem = {
              type: "object",
              origin: "key",
              input,
              key: entryKey,
              value: entryValue
            };
            for (const issue of keyDataset.issues) {
              issue.path = [pathItem];
              dataset.issues?.push(issue);
            }
            if (!dataset.issues) dataset.issues = keyDataset.issues;
            if (config$1.abortEarly) {
              dataset.typed = false;
              break;
            }
          }
          const valueDataset = this.value["~run"]({ value: entryValue }, config$1);
          if (valueDataset.issues) {
            const pathItem = {
              type: "object",
              origin: "value",
              input,
              key: entryKey,
              value: entryValue
            };
            for (const issue of valueDataset.issues) {
              if (issue.path) issue.path.unshift(pathItem);
              else issue.path = [pathItem];
              dataset.issues?.push(issue);
            }
            if (!dataset.issues) dataset.issues = valueDataset.issues;
            if (config$1.abortEarly) {
              dataset.typed = false;
              break;
            }
          }
          if (!keyDataset.typed || !valueDataset.typed) dataset.typed = false;
          if (keyDataset.typed) dataset.value[keyDataset.value] = valueDataset.value;
        }
      } else _addIssue(this, "type", dataset, config$1);
      return dataset;
    }
  });
}
// @__NO_SIDE_EFFECTS__
function string(message$1) {
  return _standardSchema({
    kind: "schema",
    type: "string",
    reference: string,
    expects: "string",
    async: false,
    message: message$1,
    "~run"(dataset, config$1) {
      if (typeof dataset.value === "string") dataset.typed = true;
      else _addIssue(this, "type", dataset, config$1);
      return dataset;
    }
  });
}
// @__NO_SIDE_EFFECTS__
function unknown() {
  return _standardSchema({
    kind: "schema",
    type: "unknown",
    reference: unknown,
    expects: "unknown",
    async: false,
    "~run"(dataset) {
      dataset.typed = true;
      return dataset;
    }
  });
}
// @__NO_SIDE_EFFECTS__
function pipe(...pipe$1) {
  return _standardSchema({
    ...pipe$1[0],
    pipe: pipe$1,
    "~run"(dataset, config$1) {
      for (const item2 of pipe$1) if (item2.kind !== "metadata") {
        if (dataset.issues && (item2.kind === "schema" || item2.kind === "transformation")) {
          dataset.typed = false;
          break;
        }
        if (!dataset.issues || !config$1.abortEarly && !config$1.abortPipeEarly) dataset = item2["~run"](dataset, config$1);
      }
      return dataset;
    }
  });
}
// @__NO_SIDE_EFFECTS__
function safeParse(schema, input, config$1) {
  const dataset = schema["~run"]({ value: input }, /* @__PURE__ */ getGlobalConfig(config$1));
  return {
    typed: dataset.typed,
    success: !dataset.issues,
    output: dataset.value,
    issues: dataset.issues
  };
}

// src/core/expr/error.ts
var ExpressionError = class extends DalaError {
  position;
  source;
  reason;
  constructor(reason, position, source, options) {
    super("expression", `${reason} at position ${position + 1}`, options);
    this.name = "ExpressionError";
    this.reason = reason;
    this.position = position;
    this.source = source;
  }
};

// src/core/expr/limits.ts
var LIMITS = {
  /** Characters in one expression. */
  sourceLength: 4e3,
  /** Nesting of parentheses, function calls and unary minus. */
  depth: 64,
  /** Characters in a regex() pattern. */
  patternLength: 200,
  /** Characters of the text regex() tests. */
  regexInputLength: 1e4
};

// src/core/expr/regex-safety.ts
var CLASS_ESCAPES = /* @__PURE__ */ new Set(["d", "D", "w", "W", "s", "S"]);
var CONTROL_ESCAPES = { t: 9, n: 10, v: 11, f: 12, r: 13 };
var HEX = /^[0-9A-Fa-f]+$/;
var BRACES = /^\{(\d+)(,(\d*))?\}/;
function parsePattern(pattern) {
  let i2 = 0;
  const n = pattern.length;
  function alternatives() {
    const branches = [sequence()];
    while (pattern[i2] === "|") {
      i2++;
      branches.push(sequence());
    }
    return branches;
  }
  function sequence() {
    const terms = [];
    while (i2 < n && pattern[i2] !== "|" && pattern[i2] !== ")") terms.push(term());
    return terms;
  }
  function term() {
    const start = i2;
    const atom = readAtom();
    const quantifier = readQuantifier();
    return { atom, quantifier, start, end: i2 };
  }
  function readAtom() {
    const c = pattern[i2];
    switch (c) {
      case "(":
        return group();
      case "[":
        skipClass();
        return { kind: "char", code: null };
      case "\\":
        return escape();
      case ".":
        i2++;
        return { kind: "char", code: null };
      case "^":
      case "$":
        i2++;
        return { kind: "assertion" };
      default:
        i2++;
        return { kind: "char", code: c.charCodeAt(0) };
    }
  }
  function group() {
    i2++;
    if (pattern[i2] === "?") {
      const next = pattern[i2 + 1];
      if (next === ":" || next === "=" || next === "!") {
        i2 += 2;
      } else if (next === "<" && (pattern[i2 + 2] === "=" || pattern[i2 + 2] === "!")) {
        i2 += 3;
      } else {
        const close = pattern.indexOf(next === "<" ? ">" : ":", i2);
        i2 = close < 0 ? n : close + 1;
      }
    }
    const inner = alternatives();
    if (pattern[i2] === ")") i2++;
    return { kind: "group", alternatives: inner };
  }
  function skipClass() {
    i2++;
    while (i2 < n && pattern[i2] !== "]") i2 += pattern[i2] === "\\" ? 2 : 1;
    i2++;
  }
  function escape() {
    const c = pattern[i2 + 1];
    if (c === void 0) {
      i2++;
      return { kind: "char", code: 92 };
    }
    i2 += 2;
    if (CLASS_ESCAPES.has(c)) return { kind: "char", code: null };
    if (c === "b" || c === "B") return { kind: "assertion" };
    if (c >= "1" && c <= "9") {
      while (i2 < n && /[0-9]/.test(pattern[i2])) i2++;
      return { kind: "backreference" };
    }
    if (c === "k" && pattern[i2] === "<") {
      const close = pattern.indexOf(">", i2);
      i2 = close < 0 ? n : close + 1;
      return { kind: "backreference" };
    }
    if (c === "0") {
      let digits = "0";
      while (digits.length < 3 && /[0-7]/.test(pattern[i2] ?? "")) digits += pattern[i2++];
      return { kind: "char", code: parseInt(digits, 8) };
    }
    if (c === "x" || c === "u") {
      const hex = pattern.slice(i2, i2 + (c === "x" ? 2 : 4));
      if (hex.length === (c === "x" ? 2 : 4) && HEX.test(hex)) {
        i2 += hex.length;
        return { kind: "char", code: parseInt(hex, 16) };
      }
      return { kind: "char", code: c.charCodeAt(0) };
    }
    if (c === "c") {
      const letter = pattern[i2];
      if (letter !== void 0 && /[A-Za-z]/.test(letter)) {
        i2++;
        return { kind: "char", code: letter.charCodeAt(0) % 32 };
      }
      i2--;
      return { kind: "char", code: 92 };
    }
    const control = CONTROL_ESCAPES[c];
    if (control !== void 0) return { kind: "char", code: control };
    return { kind: "char", code: c.charCodeAt(0) };
  }
  function readQuantifier() {
    const c = pattern[i2];
    let q = null;
    if (c === "*") q = { min: 0, max: Infinity };
    else if (c === "+") q = { min: 1, max: Infinity };
    else if (c === "?") q = { min: 0, max: 1 };
    if (q) i2++;
    else if (c === "{") {
      const m = BRACES.exec(pattern.slice(i2));
      if (!m) return null;
      const min = Number(m[1]);
      const max2 = m[2] === void 0 ? min : m[3] === "" ? Infinity : Number(m[3]);
      q = { min, max: max2 };
      i2 += m[0].length;
    } else return null;
    if (pattern[i2] === "?") i2++;
    return q;
  }
  const top = [];
  for (; ; ) {
    top.push(...alternatives());
    if (i2 >= n) return top;
    i2++;
  }
}
function distinctCharacters(alternatives) {
  const seen = /* @__PURE__ */ new Set();
  for (const branch of alternatives) {
    const only = branch[0];
    if (branch.length !== 1 || !only || only.quantifier || only.atom.kind !== "char" || only.atom.code === null) {
      return false;
    }
    if (seen.has(only.atom.code)) return false;
    seen.add(only.atom.code);
  }
  return true;
}
function unsafePatternReason(pattern) {
  const quote = (t) => `'${pattern.slice(t.start, t.end)}'`;
  const repeats = (q) => q !== null && q.max > 1;
  function check2(alternatives, repeated) {
    if (repeated && alternatives.length > 1 && !distinctCharacters(alternatives)) {
      return `regex pattern has a repeated group whose alternatives are not single different characters (catastrophic backtracking): ${quote(repeated)}`;
    }
    for (const branch of alternatives) {
      for (const t of branch) {
        if (t.atom.kind === "backreference") {
          return `regex pattern has a backreference, which can make matching exponentially slow: ${quote(t)}`;
        }
        const q = t.quantifier;
        if (repeated && q && q.min !== q.max) {
          const what = q.max > 1 ? "a repetition" : "an optional part";
          return `regex pattern has a repeated group that contains ${what} (catastrophic backtracking): ${quote(repeated)}`;
        }
        if (t.atom.kind === "group") {
          const reason = check2(t.atom.alternatives, repeats(q) ? t : repeated);
          if (reason) return reason;
        }
      }
    }
    return null;
  }
  return check2(parsePattern(pattern), null);
}

// src/core/expr/regex.ts
function compilePattern(pattern, position, source) {
  if (pattern.length > LIMITS.patternLength) {
    throw new ExpressionError(`regex pattern longer than ${LIMITS.patternLength} characters`, position, source);
  }
  let compiled;
  try {
    compiled = new RegExp(pattern);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new ExpressionError(`invalid regex pattern '${pattern}' (${detail})`, position, source, { cause });
  }
  const unsafe = unsafePatternReason(pattern);
  if (unsafe) throw new ExpressionError(unsafe, position, source);
  return compiled;
}
function matches(value, pattern, position) {
  if (value.length > LIMITS.regexInputLength) {
    throw new ExpressionError(`regex() input longer than ${LIMITS.regexInputLength} characters`, position, "");
  }
  return pattern.test(value);
}

// src/core/expr/values.ts
function toBoolean(v) {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0 && !Number.isNaN(v);
  return v.length > 0;
}
var NUMBER_TEXT = /^[ \t\r\n]*-?(?:\d+(?:\.\d*)?|\.\d+)[ \t\r\n]*$/;
function toNumber2(v) {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  const s = typeof v === "string" ? v : v.join(" ");
  return NUMBER_TEXT.test(s) ? Number(s) : NaN;
}
function toText(v) {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return numberToText(v);
  return v.join(" ");
}
function numberToText(n) {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "Infinity";
  if (n === -Infinity) return "-Infinity";
  if (n === 0) return "0";
  const s = String(n);
  return s.includes("e") ? expandExponent(s) : s;
}
function expandExponent(s) {
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const sign = m[1] ?? "";
  const digits = (m[2] ?? "") + (m[3] ?? "");
  const pointAt = 1 + Number(m[4]);
  if (pointAt <= 0) return `${sign}0.${"0".repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return sign + digits + "0".repeat(pointAt - digits.length);
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

// src/core/expr/functions.ts
var arg = (args, i2) => {
  const thunk = args[i2];
  return thunk ? thunk() : "";
};
function choicesOf(v) {
  if (Array.isArray(v)) return v;
  return toText(v).split(/[ \t\r\n]+/).filter((s) => s !== "");
}
function round(x2, digits) {
  if (!Number.isFinite(x2) || Number.isNaN(digits)) return Number.isNaN(digits) ? NaN : x2;
  const d = Math.max(-20, Math.min(20, Math.trunc(digits)));
  const sign = x2 < 0 ? -1 : 1;
  const abs = Math.abs(x2);
  const text2 = String(abs);
  const shifted = text2.includes("e") ? abs * 10 ** d : Number(`${text2}e${d}`);
  if (!Number.isFinite(shifted)) return x2;
  const rounded = Math.round(shifted);
  const back = String(rounded).includes("e") ? rounded / 10 ** d : Number(`${rounded}e${-d}`);
  return sign * back;
}
var table = [
  ["not", { min: 1, max: 1, signature: "not(x)", call: (a) => !toBoolean(arg(a, 0)) }],
  ["true", { min: 0, max: 0, signature: "true()", call: () => true }],
  ["false", { min: 0, max: 0, signature: "false()", call: () => false }],
  [
    "selected",
    {
      min: 2,
      max: 2,
      signature: "selected(answer, choice)",
      call: (a) => choicesOf(arg(a, 0)).includes(toText(arg(a, 1)))
    }
  ],
  ["count-selected", { min: 1, max: 1, signature: "count-selected(answer)", call: (a) => choicesOf(arg(a, 0)).length }],
  [
    "string-length",
    { min: 1, max: 1, signature: "string-length(text)", call: (a) => [...toText(arg(a, 0))].length }
  ],
  [
    "regex",
    {
      min: 2,
      max: 2,
      signature: "regex(text, pattern)",
      call: (a, _ctx, node) => {
        const value = toText(arg(a, 0));
        const patternPos = node.args[1]?.pos ?? node.pos;
        return matches(value, compilePattern(toText(arg(a, 1)), patternPos, ""), node.pos);
      }
    }
  ],
  [
    "if",
    { min: 3, max: 3, signature: "if(condition, then, else)", call: (a) => toBoolean(arg(a, 0)) ? arg(a, 1) : arg(a, 2) }
  ],
  [
    "coalesce",
    {
      min: 2,
      max: 2,
      signature: "coalesce(a, b)",
      call: (a) => {
        const first = arg(a, 0);
        return toText(first) !== "" ? first : arg(a, 1);
      }
    }
  ],
  ["today", { min: 0, max: 0, signature: "today()", call: (_a2, ctx) => typeof ctx.today === "string" ? ctx.today : "" }],
  ["number", { min: 1, max: 1, signature: "number(x)", call: (a) => toNumber2(arg(a, 0)) }],
  ["string", { min: 1, max: 1, signature: "string(x)", call: (a) => toText(arg(a, 0)) }],
  ["int", { min: 1, max: 1, signature: "int(x)", call: (a) => Math.trunc(toNumber2(arg(a, 0))) }],
  [
    "round",
    {
      min: 1,
      max: 2,
      signature: "round(x[, digits])",
      call: (a) => round(toNumber2(arg(a, 0)), a.length > 1 ? toNumber2(arg(a, 1)) : 0)
    }
  ],
  [
    "concat",
    { min: 0, max: Infinity, signature: "concat(a, b, ...)", call: (a) => a.map((thunk) => toText(thunk())).join("") }
  ],
  [
    "contains",
    { min: 2, max: 2, signature: "contains(text, part)", call: (a) => toText(arg(a, 0)).includes(toText(arg(a, 1))) }
  ],
  [
    "starts-with",
    {
      min: 2,
      max: 2,
      signature: "starts-with(text, prefix)",
      call: (a) => toText(arg(a, 0)).startsWith(toText(arg(a, 1)))
    }
  ]
];
var FUNCTIONS = new Map(table);
function arityText(def) {
  const n = (k) => `${k} argument${k === 1 ? "" : "s"}`;
  if (def.max === 0) return "takes no arguments";
  if (def.min === def.max) return `takes ${n(def.min)}`;
  if (def.max === Infinity) return `takes ${def.min} or more arguments`;
  return `takes ${def.min} or ${n(def.max)}`;
}

// src/core/expr/lexer.ts
var ITEM_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
var isDigit = (c) => c >= "0" && c <= "9";
var isNameStart = (c) => c >= "a" && c <= "z" || c >= "A" && c <= "Z" || c === "_";
var isNameChar = (c) => isNameStart(c) || isDigit(c) || c === "." || c === "-";
var isSpace = (c) => c === " " || c === "	" || c === "\r" || c === "\n";
function createLexer(source) {
  let i2 = 0;
  let ahead = null;
  const fail = (reason, at3) => {
    throw new ExpressionError(reason, at3, source);
  };
  const at2 = (k) => source.charAt(k);
  function scan() {
    while (isSpace(at2(i2))) i2++;
    const pos = i2;
    if (i2 >= source.length) return { t: "end", pos };
    const c = at2(i2);
    if (isDigit(c) || c === "." && isDigit(at2(i2 + 1))) return scanNumber(pos);
    if (c === ".") {
      if (at2(i2 + 1) === ".") fail("'..' (parent step) is not supported", pos);
      i2++;
      return { t: "self", pos };
    }
    if (c === "'" || c === '"') {
      const close = source.indexOf(c, i2 + 1);
      if (close < 0) fail("unterminated string", pos);
      i2 = close + 1;
      return { t: "string", value: source.slice(pos + 1, close), pos };
    }
    if (c === "$") return scanRef(pos);
    if (isNameStart(c)) return scanName(pos);
    const two = source.slice(i2, i2 + 2);
    if (two === "!=" || two === "<=" || two === ">=") {
      i2 += 2;
      return { t: "punct", op: two, pos };
    }
    if ("(),=<>+-*".includes(c)) {
      i2++;
      return { t: "punct", op: c, pos };
    }
    return fail(strayCharacter(source.codePointAt(i2) ?? 0), pos);
  }
  function scanNumber(pos) {
    while (isDigit(at2(i2)) || isNameStart(at2(i2)) || at2(i2) === ".") {
      i2++;
      if ((at2(i2 - 1) === "e" || at2(i2 - 1) === "E") && (at2(i2) === "+" || at2(i2) === "-")) i2++;
    }
    const text2 = source.slice(pos, i2);
    if (!/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(text2)) fail(`invalid number '${text2}'`, pos);
    const value = Number(text2);
    if (!Number.isFinite(value)) fail(`number too large '${clip(text2)}'`, pos);
    return { t: "number", value, pos };
  }
  function scanRef(pos) {
    if (at2(pos + 1) !== "{") fail("expected '{' after '$'", pos + 1);
    const start = pos + 2;
    i2 = start;
    while (isNameChar(at2(i2))) i2++;
    const name = source.slice(start, i2);
    if (name === "") fail("expected an item name after '${'", start);
    if (!ITEM_NAME.test(name)) fail(`invalid item name '${name}'`, start);
    if (at2(i2) !== "}") fail("expected '}'", i2);
    i2++;
    return { t: "ref", name, pos };
  }
  function scanName(pos) {
    while (isNameChar(at2(i2))) i2++;
    if (at2(i2) === ":" && isNameStart(at2(i2 + 1))) {
      i2++;
      while (isNameChar(at2(i2))) i2++;
    }
    return { t: "name", name: source.slice(pos, i2), pos };
  }
  return {
    peek() {
      ahead ??= scan();
      return ahead;
    },
    next() {
      const token = ahead ?? scan();
      ahead = null;
      return token;
    }
  };
}
function clip(text2) {
  return text2.length > 20 ? `${text2.slice(0, 20)}...` : text2;
}
function strayCharacter(code) {
  const c = String.fromCodePoint(code);
  const shown = code >= 33 && code <= 126 ? `'${c}'` : `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  if (c === "\u2018" || c === "\u2019" || c === "\u201C" || c === "\u201D") return `unexpected curly quote (${shown}): use ' or "`;
  if (c === "!") return "unexpected '!': use != or not()";
  if (c === "/") return "unexpected '/': paths are not supported, write ${name}; divide with div";
  if (c === "{" || c === "}") return `unexpected ${shown}: a reference is written \${name}`;
  return `unexpected character ${shown}`;
}

// src/core/expr/parser.ts
var LEVELS = [
  ["or"],
  ["and"],
  ["=", "!="],
  ["<", "<=", ">", ">="],
  ["+", "-"],
  ["*", "div", "mod"]
];
var WORD_OPS = /* @__PURE__ */ new Set(["or", "and", "div", "mod"]);
function parseExpression(source) {
  if (typeof source !== "string") throw new ExpressionError("an expression must be text", 0, "");
  if (source.length > LIMITS.sourceLength) {
    throw new ExpressionError(`expression longer than ${LIMITS.sourceLength} characters`, LIMITS.sourceLength, source);
  }
  const lexer = createLexer(source);
  const fail = (reason, at2) => {
    throw new ExpressionError(reason, at2, source);
  };
  if (lexer.peek().t === "end") fail("empty expression", lexer.peek().pos);
  function operatorOf(token, ops) {
    const text2 = token.t === "punct" ? token.op : token.t === "name" && WORD_OPS.has(token.name) ? token.name : "";
    return ops.find((op) => op === text2);
  }
  function binary(level, depth) {
    const ops = LEVELS[level];
    if (!ops) return unary(depth);
    let left = binary(level + 1, depth);
    for (let op = operatorOf(lexer.peek(), ops); op; op = operatorOf(lexer.peek(), ops)) {
      const pos = lexer.next().pos;
      const right = binary(level + 1, depth);
      left = { kind: "binary", op, left, right, pos };
    }
    return left;
  }
  function deeper(depth, at2) {
    if (depth >= LIMITS.depth) fail(`expression nested deeper than ${LIMITS.depth} levels`, at2);
    return depth + 1;
  }
  function unary(depth) {
    const token = lexer.peek();
    if (token.t === "punct" && token.op === "-") {
      lexer.next();
      return { kind: "negate", operand: unary(deeper(depth, token.pos)), pos: token.pos };
    }
    return primary(depth);
  }
  function primary(depth) {
    const token = lexer.next();
    switch (token.t) {
      case "number":
        return { kind: "number", value: token.value, pos: token.pos };
      case "string":
        return { kind: "string", value: token.value, pos: token.pos };
      case "ref":
        return { kind: "ref", name: token.name, pos: token.pos };
      case "self":
        return { kind: "self", pos: token.pos };
      case "name":
        return call(token.name, token.pos, depth);
      case "punct":
        if (token.op === "(") {
          const inner = binary(0, deeper(depth, token.pos));
          expect(")");
          return inner;
        }
        return fail(`expected a value, found '${token.op}'`, token.pos);
      case "end":
        return fail("expected a value, found the end of the expression", token.pos);
    }
  }
  function call(name, pos, depth) {
    const open = lexer.peek();
    if (!(open.t === "punct" && open.op === "(")) {
      if (WORD_OPS.has(name)) return fail(`expected a value, found '${name}'`, pos);
      return fail(`unexpected name '${name}' (write \${${name}} to use an item's answer)`, pos);
    }
    const def = FUNCTIONS.get(name);
    if (!def) return fail(`unknown function '${name}'`, pos);
    const inner = deeper(depth, pos);
    lexer.next();
    const args = [];
    if (!isPunct(lexer.peek(), ")")) {
      args.push(binary(0, inner));
      while (isPunct(lexer.peek(), ",")) {
        lexer.next();
        args.push(binary(0, inner));
      }
    }
    expect(")");
    if (args.length < def.min || args.length > def.max) {
      fail(`${name}() ${arityText(def)}, not ${args.length}`, pos);
    }
    const pattern = args[1];
    if (name === "regex" && pattern?.kind === "string") compilePattern(pattern.value, pattern.pos, source);
    return { kind: "call", name, args, pos };
  }
  function expect(op) {
    const token = lexer.next();
    if (!isPunct(token, op)) fail(`expected '${op}', found ${describe(token)}`, token.pos);
  }
  const tree = binary(0, 0);
  const rest = lexer.peek();
  if (rest.t !== "end") fail(`unexpected ${describe(rest)} after a complete expression`, rest.pos);
  return tree;
}
function isPunct(token, op) {
  return token.t === "punct" && token.op === op;
}
function describe(token) {
  switch (token.t) {
    case "number":
      return `number ${token.value}`;
    case "string":
      return "a string";
    case "ref":
      return `\${${token.name}}`;
    case "self":
      return "'.'";
    case "name":
      return `'${token.name}'`;
    case "punct":
      return `'${token.op}'`;
    case "end":
      return "the end of the expression";
  }
}

// src/core/expr/references.ts
function references(expr) {
  const names = /* @__PURE__ */ new Set();
  const visit = (node) => {
    switch (node.kind) {
      case "ref":
        names.add(node.name);
        return;
      case "negate":
        visit(node.operand);
        return;
      case "binary":
        visit(node.left);
        visit(node.right);
        return;
      case "call":
        node.args.forEach(visit);
        return;
      default:
        return;
    }
  };
  visit(expr);
  return [...names];
}

// src/core/instrument/problem-path.ts
var IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;
var clip2 = (s, n = 40) => s.length > n ? `${s.slice(0, n)}...` : s;
function segmentText(segment, first) {
  if (typeof segment === "number") return `[${segment}]`;
  if (IDENTIFIER.test(segment) && segment.length <= 64) return first ? segment : `.${segment}`;
  return `[${JSON.stringify(clip2(segment))}]`;
}
function nameOf(value) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return void 0;
  const name = Object.prototype.hasOwnProperty.call(value, "name") ? value.name : void 0;
  return typeof name === "string" && name !== "" ? clip2(name) : void 0;
}
function formatPath(root, segments) {
  let value = root;
  let named = -1;
  let name;
  for (let i2 = 0; i2 < segments.length; i2++) {
    const segment = segments[i2];
    value = typeof value === "object" && value !== null && Object.prototype.hasOwnProperty.call(value, segment) ? value[segment] : void 0;
    const n = typeof segment === "number" ? nameOf(value) : void 0;
    if (n !== void 0) {
      named = i2;
      name = n;
    }
  }
  const text2 = (from, to) => segments.slice(from, to).map((s, k) => segmentText(s, k === 0)).join("");
  if (named < 0) return text2(0, segments.length);
  const head = `${text2(0, named + 1)} (${name})`;
  return named + 1 < segments.length ? `${head}: ${text2(named + 1, segments.length)}` : head;
}
function at(root, segments, message) {
  const where = formatPath(root, segments);
  return where ? `${where}: ${message}` : message;
}

// src/core/instrument/check.ts
var SELECT_TYPES = /* @__PURE__ */ new Set(["select_one", "select_multiple"]);
var aType = (type) => `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`;
function checkInstrument(inst) {
  const errors = [];
  const warnings = [];
  const error = (path, message) => errors.push({ severity: "error", message: at(inst, path, message) });
  const warn = (path, message) => warnings.push({ severity: "warning", message: at(inst, path, message) });
  const where = (path) => formatPath(inst, path);
  const declared = /* @__PURE__ */ new Set();
  inst.languages.forEach((lang, i2) => {
    if (declared.has(lang)) error(["languages", i2], `'${lang}' is listed twice`);
    declared.add(lang);
  });
  const defaultLanguage = inst.languages[0] ?? "";
  const texts = [];
  const addText = (path, text2) => {
    if (text2) texts.push({ path, text: text2 });
  };
  addText(["title"], inst.title);
  addText(["description"], inst.description);
  addText(["consent", "text"], inst.consent?.text);
  for (const [list2, choices] of Object.entries(inst.choiceLists)) {
    choices.forEach((c, i2) => addText(["choiceLists", list2, i2, "label"], c.label));
  }
  for (const [name, scale2] of Object.entries(inst.likertScales)) {
    scale2.points.forEach((p, i2) => addText(["likertScales", name, "points", i2, "label"], p.label));
    scale2.nonSubstantive?.forEach((c, i2) => addText(["likertScales", name, "nonSubstantive", i2, "label"], c.label));
  }
  inst.sections.forEach((section2, s) => {
    addText(["sections", s, "label"], section2.label);
    addText(["sections", s, "hint"], section2.hint);
    section2.items.forEach((item2, i2) => {
      for (const key of ["label", "hint", "requiredMessage", "constraintMessage"]) {
        addText(["sections", s, "items", i2, key], item2[key]);
      }
    });
  });
  inst.scales.forEach((scale2, i2) => addText(["scales", i2, "label"], scale2.label));
  const undeclared = /* @__PURE__ */ new Map();
  for (const { path, text: text2 } of texts) {
    for (const lang of Object.keys(text2)) {
      if (declared.has(lang)) continue;
      const seen = undeclared.get(lang);
      if (seen) seen.count++;
      else undeclared.set(lang, { first: path, count: 1 });
    }
  }
  for (const lang of Object.keys(inst.languageNames ?? {})) {
    if (!declared.has(lang) && !undeclared.has(lang)) undeclared.set(lang, { first: ["languageNames", lang], count: 1 });
  }
  for (const [lang, { first, count: count2 }] of undeclared) {
    const more = count2 > 1 ? ` and ${count2 - 1} more ${count2 === 2 ? "text" : "texts"}` : "";
    warnings.push({
      severity: "warning",
      message: `language '${lang}' is used (${where(first)}${more}) but not listed in languages; it is never shown`
    });
  }
  if (inst.consent) {
    for (const lang of inst.languages) {
      if (!inst.consent.text[lang]) warn(["consent", "text"], `no text in '${lang}': the consent falls back to another language`);
    }
  }
  for (const [list2, choices] of Object.entries(inst.choiceLists)) {
    const seen = /* @__PURE__ */ new Map();
    choices.forEach((c, i2) => {
      const before = seen.get(c.name);
      if (before !== void 0) error(["choiceLists", list2, i2], `choice '${c.name}' is already used by ${where(["choiceLists", list2, before])}`);
      else seen.set(c.name, i2);
    });
  }
  for (const [name, scale2] of Object.entries(inst.likertScales)) {
    const codes = /* @__PURE__ */ new Map();
    scale2.points.forEach((p, i2) => {
      const code = String(p.value);
      const before = codes.get(code);
      if (before) error(["likertScales", name, "points", i2], `value ${code} is already used by ${where(before)}`);
      else codes.set(code, ["likertScales", name, "points", i2]);
    });
    scale2.nonSubstantive?.forEach((c, i2) => {
      const before = codes.get(c.name);
      if (before) error(["likertScales", name, "nonSubstantive", i2], `'${c.name}' is already used by ${where(before)}`);
      else codes.set(c.name, ["likertScales", name, "nonSubstantive", i2]);
    });
  }
  const sectionAt = /* @__PURE__ */ new Map();
  inst.sections.forEach((section2, s) => {
    const before = sectionAt.get(section2.name);
    if (before !== void 0) error(["sections", s, "name"], `section name '${section2.name}' is already used by ${where(["sections", before])}`);
    else sectionAt.set(section2.name, s);
  });
  const itemAt = /* @__PURE__ */ new Map();
  const items = /* @__PURE__ */ new Map();
  inst.sections.forEach(
    (section2, s) => section2.items.forEach((item2, i2) => {
      const before = itemAt.get(item2.name);
      if (before) error(["sections", s, "items", i2, "name"], `item name '${item2.name}' is already used by ${where(before)}`);
      else {
        itemAt.set(item2.name, ["sections", s, "items", i2]);
        items.set(item2.name, item2);
      }
    })
  );
  const usedLists = /* @__PURE__ */ new Set();
  const usedScales = /* @__PURE__ */ new Set();
  inst.sections.forEach((section2, s) => {
    if (!section2.label[defaultLanguage]) warn(["sections", s, "label"], `no text in the default language '${defaultLanguage}'`);
    if (section2.relevant !== void 0) checkExpression2(["sections", s], "relevant", section2.relevant, void 0);
    section2.items.forEach((item2, i2) => {
      const path = ["sections", s, "items", i2];
      const isSelect = SELECT_TYPES.has(item2.type);
      if (item2.type !== "calculate" && !item2.label[defaultLanguage]) {
        warn([...path, "label"], `no text in the default language '${defaultLanguage}'`);
      }
      if (isSelect) {
        if (item2.choices === void 0) error([...path, "choices"], `missing: ${aType(item2.type)} item names its choice list`);
        else if (!Object.hasOwn(inst.choiceLists, item2.choices)) error([...path, "choices"], `unknown choice list '${item2.choices}'`);
        else {
          usedLists.add(item2.choices);
          if (item2.other && inst.choiceLists[item2.choices]?.some((c) => c.name === "other")) {
            warn([...path, "other"], `choice list '${item2.choices}' already has a choice 'other', and other: true adds "Other (specify)" too`);
          }
        }
      } else {
        if (item2.choices !== void 0) warn([...path, "choices"], `ignored: ${aType(item2.type)} item has no choice list`);
        if (item2.other) warn([...path, "other"], `ignored: only select_one and select_multiple items have "Other (specify)"`);
      }
      if (item2.other) {
        const otherName = `${item2.name}_other`;
        const clash = itemAt.get(otherName);
        if (clash) error([...path, "other"], `the "Other (specify)" text is stored as '${otherName}', which is the name of ${where(clash)}`);
      }
      if (item2.type === "likert") {
        if (item2.likert === void 0) error([...path, "likert"], "missing: a likert item names its Likert scale");
        else if (!Object.hasOwn(inst.likertScales, item2.likert)) error([...path, "likert"], `unknown Likert scale '${item2.likert}'`);
        else usedScales.add(item2.likert);
      } else if (item2.likert !== void 0) warn([...path, "likert"], `ignored: ${aType(item2.type)} item has no Likert scale`);
      if (item2.type === "calculate") {
        if (item2.calculation === void 0) error([...path, "calculation"], "missing: a calculate item needs a calculation");
      } else if (item2.calculation !== void 0) warn([...path, "calculation"], `ignored: only calculate items have a calculation`);
      if (item2.relevant !== void 0) checkExpression2(path, "relevant", item2.relevant, item2.name);
      if (item2.constraint !== void 0) checkExpression2(path, "constraint", item2.constraint, void 0);
      if (item2.calculation !== void 0) checkExpression2(path, "calculation", item2.calculation, item2.name);
    });
  });
  for (const list2 of Object.keys(inst.choiceLists)) {
    if (!usedLists.has(list2)) warn(["choiceLists", list2], "not used by any item");
  }
  for (const name of Object.keys(inst.likertScales)) {
    if (!usedScales.has(name)) warn(["likertScales", name], "not used by any item");
  }
  function checkExpression2(path, field, source, self) {
    let refs;
    try {
      refs = references(parseExpression(source));
    } catch (e) {
      if (e instanceof ExpressionError) {
        error([...path, field], e.message);
        return;
      }
      throw e;
    }
    for (const ref of refs) {
      if (!itemAt.has(ref)) error([...path, field], `unknown item '${ref}' in \${${ref}}`);
      else if (ref === self) error([...path, field], `refers to its own item \${${ref}}`);
    }
  }
  const scaleAt = /* @__PURE__ */ new Map();
  inst.scales.forEach((scale2, k) => {
    const path = ["scales", k];
    const before = scaleAt.get(scale2.name);
    if (before !== void 0) error([...path, "name"], `scale name '${scale2.name}' is already used by ${where(["scales", before])}`);
    else scaleAt.set(scale2.name, k);
    const members = /* @__PURE__ */ new Set();
    const likertScales = /* @__PURE__ */ new Set();
    scale2.items.forEach((name, i2) => {
      const item2 = items.get(name);
      if (members.has(name)) error([...path, "items", i2], `'${name}' is listed twice`);
      members.add(name);
      if (!item2) error([...path, "items", i2], `unknown item '${name}'`);
      else if (item2.type !== "likert") error([...path, "items", i2], `'${name}' is ${aType(item2.type)} item, not a likert item`);
      else if (item2.likert !== void 0) likertScales.add(item2.likert);
    });
    const reversed = /* @__PURE__ */ new Set();
    scale2.reversed.forEach((name, i2) => {
      if (reversed.has(name)) error([...path, "reversed", i2], `'${name}' is listed twice`);
      reversed.add(name);
      if (!members.has(name)) error([...path, "reversed", i2], `'${name}' is not one of the scale's items`);
    });
    if (likertScales.size > 1) {
      warn(path, `mixes Likert scales ${[...likertScales].map((n) => `'${n}'`).join(", ")}: reverse coding and means assume one`);
    }
  });
  if (!inst.title[defaultLanguage]) warn(["title"], `no text in the default language '${defaultLanguage}'`);
  return { errors, warnings };
}

// src/core/instrument/types.ts
var INSTRUMENT_TYPE = "dala-instrument";
var INSTRUMENT_VERSION = 1;

// src/core/instrument/migrations.ts
var INSTRUMENT_MIGRATIONS = Object.freeze({
  /** Version 1 is the current format: nothing to do. */
  1: (doc) => ({ ...doc, version: INSTRUMENT_VERSION })
});
function readableVersions() {
  const versions = Object.keys(INSTRUMENT_MIGRATIONS).map(Number).sort((a, b) => a - b);
  if (versions.length === 1) return `version ${versions[0]}`;
  return `versions ${versions.slice(0, -1).join(", ")} and ${versions[versions.length - 1]}`;
}

// src/core/instrument/schema.ts
var INSTRUMENT_LIMITS = {
  /** Items in all sections together. */
  items: 5e3,
  sections: 500,
  choiceLists: 1e3,
  choicesPerList: 1e3,
  likertScales: 100,
  /** Substantive points of one Likert scale (a 0..100 slider is the most we expect). */
  likertPoints: 101,
  nonSubstantive: 10,
  scales: 500,
  languages: 64,
  recipients: 100,
  /** Characters of any text, expression included. */
  text: 1e4,
  /** Characters of a name (item, section, choice list, choice, scale, study id). */
  name: 64
};
var NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
var CHOICE_NAME_PATTERN = /^\S+$/;
var LANGUAGE_PATTERN = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;
var RECIPIENT_PATTERN = /^age1[02-9ac-hj-np-z]{58}$/;
var RESERVED_NAMES = /* @__PURE__ */ new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  "prototype"
]);
var ITEM_TYPES = [
  "note",
  "text",
  "longtext",
  "integer",
  "decimal",
  "date",
  "time",
  "select_one",
  "select_multiple",
  "likert",
  "acknowledge",
  "calculate"
];
function describe2(value) {
  if (value === void 0) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return value.length > 40 ? `'${value.slice(0, 40)}...'` : `'${value}'`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}
var count = (n) => n.toLocaleString("en-US");
var expected = (what) => (issue) => `expected ${what}, got ${describe2(issue.input)}`;
var objectMessage = (what) => (issue) => issue.input === void 0 && issue.expected?.startsWith('"') ? "missing" : `expected ${what}, got ${describe2(issue.input)}`;
var isPlainObject = (x2) => {
  if (typeof x2 !== "object" || x2 === null || Array.isArray(x2)) return false;
  const proto = Object.getPrototypeOf(x2);
  return proto === Object.prototype || proto === null;
};
function list(item2, max2, what, min = 0) {
  return pipe(
    array(unknown(), expected(`a list of ${what}`)),
    check(
      (a) => a.length <= max2,
      (issue) => `at most ${count(max2)} ${what}, got ${count(issue.input.length)}`
    ),
    check(
      (a) => a.length >= min,
      (issue) => min === 1 ? "must not be empty" : `at least ${min} ${what}, got ${issue.input.length}`
    ),
    array(item2)
  );
}
function map(key, value, max2, what) {
  return pipe(
    custom(isPlainObject, expected(`an object of ${what}`)),
    check(
      (o) => Object.keys(o).length <= max2,
      (issue) => `at most ${count(max2)} ${what}, got ${count(Object.keys(issue.input).length)}`
    ),
    record(key, value)
  );
}
var text = pipe(
  string(expected("a text")),
  maxLength(INSTRUMENT_LIMITS.text, (i2) => `a text of at most ${count(INSTRUMENT_LIMITS.text)} characters, got ${count(i2.input.length)}`)
);
var nonEmptyText = pipe(text, minLength(1, "must not be empty"));
var bool = boolean(expected("true or false"));
var notReserved = check(
  (s) => !RESERVED_NAMES.has(s),
  (issue) => `'${issue.input}' is reserved (every JavaScript object has it) and cannot be used as a name`
);
var nameLength = maxLength(
  INSTRUMENT_LIMITS.name,
  (issue) => `a name of at most ${INSTRUMENT_LIMITS.name} characters, got ${count(issue.input.length)}`
);
var nameSchema = pipe(
  string(expected("a name")),
  nameLength,
  regex(NAME_PATTERN, (issue) => `${describe2(issue.input)} is not a valid name: use letters, digits, _ . - and start with a letter or _`),
  notReserved
);
var choiceName = pipe(
  string(expected("a choice name")),
  nameLength,
  regex(CHOICE_NAME_PATTERN, (issue) => `${describe2(issue.input)} is not a valid choice name: it must not be empty or contain spaces`),
  notReserved
);
var languageCode = pipe(
  string(expected("a language code")),
  maxLength(35, (issue) => `${describe2(issue.input)} is not a language code (like en, ru, kk, pt-BR)`),
  regex(LANGUAGE_PATTERN, (issue) => `${describe2(issue.input)} is not a language code (like en, ru, kk, pt-BR)`),
  notReserved
);
var expression = text;
var localizedText = map(languageCode, text, INSTRUMENT_LIMITS.languages, "texts by language");
var choice = object({ name: choiceName, label: localizedText }, objectMessage("a choice"));
var likertScale = object(
  {
    points: list(
      object(
        {
          value: pipe(number(expected("a number")), finite((i2) => `expected a finite number, got ${describe2(i2.input)}`)),
          label: localizedText
        },
        objectMessage("a scale point")
      ),
      INSTRUMENT_LIMITS.likertPoints,
      "points",
      2
    ),
    nonSubstantive: optional(list(choice, INSTRUMENT_LIMITS.nonSubstantive, "non-substantive answers"))
  },
  objectMessage("a Likert scale")
);
var itemEntries = {
  name: nameSchema,
  type: picklist(
    ITEM_TYPES,
    (issue) => typeof issue.input === "string" ? `unknown item type ${describe2(issue.input)}; expected one of ${ITEM_TYPES.join(", ")}` : `expected an item type, got ${describe2(issue.input)}`
  ),
  label: localizedText,
  hint: optional(localizedText),
  required: optional(bool),
  requiredMessage: optional(localizedText),
  relevant: optional(expression),
  constraint: optional(expression),
  constraintMessage: optional(localizedText),
  choices: optional(nameSchema),
  other: optional(bool),
  likert: optional(nameSchema),
  calculation: optional(expression),
  default: optional(text),
  readOnly: optional(bool),
  appearance: optional(text),
  personal: optional(bool),
  note: optional(bool),
  added: optional(bool)
};
var item = object(itemEntries, objectMessage("an item"));
var sectionEntries = {
  name: nameSchema,
  label: localizedText,
  hint: optional(localizedText),
  relevant: optional(expression),
  items: list(item, INSTRUMENT_LIMITS.items, "items"),
  mode: optional(
    picklist(["interviewer", "self"], (issue) => `expected 'interviewer' or 'self', got ${describe2(issue.input)}`)
  )
};
var section = object(sectionEntries, objectMessage("a section"));
var totalItems = (sections2) => sections2.reduce((n, s) => n + (isPlainObject(s) && Array.isArray(s.items) ? s.items.length : 0), 0);
var sections = pipe(
  list(unknown(), INSTRUMENT_LIMITS.sections, "sections", 1),
  check(
    (s) => totalItems(s) <= INSTRUMENT_LIMITS.items,
    (issue) => `at most ${count(INSTRUMENT_LIMITS.items)} items in all sections together, got ${count(totalItems(issue.input))}`
  ),
  array(section)
);
var scale = object(
  {
    name: nameSchema,
    label: localizedText,
    items: list(nameSchema, INSTRUMENT_LIMITS.items, "item names", 1),
    /** May be left out for "none". */
    reversed: optional(list(nameSchema, INSTRUMENT_LIMITS.items, "item names"), () => [])
  },
  objectMessage("a scale")
);
var consent = object({ version: nonEmptyText, text: localizedText }, objectMessage("a consent"));
var recipient = pipe(
  string(expected("an age recipient")),
  regex(RECIPIENT_PATTERN, (issue) => `${describe2(issue.input)} is not an age X25519 recipient (age1 and 58 characters)`)
);
var instrumentEntries = {
  type: literal("dala-instrument"),
  version: literal(1),
  id: pipe(
    string(expected("a study id")),
    nameLength,
    regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, (issue) => `${describe2(issue.input)} is not a valid study id: use letters, digits, _ . -`),
    notReserved
  ),
  studyVersion: pipe(nonEmptyText, maxLength(INSTRUMENT_LIMITS.name, `at most ${INSTRUMENT_LIMITS.name} characters`)),
  title: localizedText,
  description: optional(localizedText),
  languages: list(languageCode, INSTRUMENT_LIMITS.languages, "languages", 1),
  languageNames: optional(map(languageCode, text, INSTRUMENT_LIMITS.languages, "language names")),
  consent: optional(consent),
  /** May be left out for "none"; the output always has it. */
  choiceLists: optional(
    map(nameSchema, list(choice, INSTRUMENT_LIMITS.choicesPerList, "choices", 1), INSTRUMENT_LIMITS.choiceLists, "choice lists"),
    () => ({})
  ),
  likertScales: optional(map(nameSchema, likertScale, INSTRUMENT_LIMITS.likertScales, "Likert scales"), () => ({})),
  sections,
  scales: optional(list(scale, INSTRUMENT_LIMITS.scales, "scales"), () => []),
  recipients: optional(list(recipient, INSTRUMENT_LIMITS.recipients, "recipients"))
};
var instrumentSchema = object(instrumentEntries, objectMessage("an instrument"));

// src/core/instrument/parse.ts
var MAX_PROBLEMS = 100;
var UNSAFE_KEYS = /* @__PURE__ */ new Set(["__proto__", "constructor", "prototype"]);
var SCAN_DEPTH = 8;
function parseInstrument(input, source) {
  const problem = (message, severity = "error") => source === void 0 ? { severity, message } : { severity, message, file: source };
  const fail = (messages) => ({ ok: false, problems: capped(messages.map((m) => problem(m))) });
  if (!isPlainObject2(input)) return fail([`not a Dala instrument: expected a JSON object, got ${describe2(input)}`]);
  if (input.type !== INSTRUMENT_TYPE) {
    return fail([
      input.type === void 0 ? `not a Dala instrument: it has no type "${INSTRUMENT_TYPE}"` : `not a Dala instrument: type is ${describe2(input.type)}, expected '${INSTRUMENT_TYPE}'`
    ]);
  }
  const version = input.version;
  if (typeof version !== "number" || !Number.isInteger(version)) {
    return fail([`missing or invalid instrument format version: expected a whole number, got ${describe2(version)}`]);
  }
  const migrate = Object.hasOwn(INSTRUMENT_MIGRATIONS, version) ? INSTRUMENT_MIGRATIONS[version] : void 0;
  if (!migrate) return fail([`unknown instrument format version ${version}; this Dala reads ${readableVersions()}`]);
  const unsafe = unsafeKeys(input);
  if (unsafe.found.length > 0) {
    const more = unsafe.more > 0 ? [`... and ${unsafe.more} more ${unsafe.more === 1 ? "problem" : "problems"}`] : [];
    return { ok: false, problems: [...unsafe.found, ...more].map((m) => problem(m)) };
  }
  const migrated = migrate(input);
  const parsed = safeParse(instrumentSchema, migrated, { abortPipeEarly: true });
  if (!parsed.success) return fail(parsed.issues.map((issue) => issueMessage(migrated, issue)));
  const instrument = parsed.output;
  const { errors, warnings } = checkInstrument(instrument);
  const withFile = (p) => source === void 0 ? p : { ...p, file: source };
  if (errors.length > 0) return { ok: false, problems: capped([...errors, ...warnings].map(withFile)) };
  return { ok: true, instrument, warnings: capped(warnings.map(withFile)) };
  function capped(problems) {
    if (problems.length <= MAX_PROBLEMS) return problems;
    const rest = problems.length - MAX_PROBLEMS;
    return [
      ...problems.slice(0, MAX_PROBLEMS),
      problem(`... and ${rest} more ${rest === 1 ? "problem" : "problems"}`, problems.some((p) => p.severity === "error") ? "error" : "warning")
    ];
  }
}
function isPlainObject2(x2) {
  if (typeof x2 !== "object" || x2 === null || Array.isArray(x2)) return false;
  const proto = Object.getPrototypeOf(x2);
  return proto === Object.prototype || proto === null;
}
function unsafeKeys(root) {
  const found = [];
  let more = 0;
  const report = (message) => {
    if (found.length < MAX_PROBLEMS) found.push(message());
    else more++;
  };
  const path = [];
  const visit = (value, depth) => {
    if (depth > SCAN_DEPTH || typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) {
      for (let i2 = 0; i2 < value.length; i2++) {
        const entry = value[i2];
        if (typeof entry !== "object" || entry === null) continue;
        path.push(i2);
        visit(entry, depth + 1);
        path.pop();
      }
      return;
    }
    if (!isPlainObject2(value)) {
      report(() => at(root, path, "not plain JSON data (an object with a prototype)"));
      return;
    }
    for (const key of Object.keys(value)) {
      if (UNSAFE_KEYS.has(key)) {
        report(() => at(root, path, `the key '${key}' is not allowed`));
        continue;
      }
      path.push(key);
      visit(value[key], depth + 1);
      path.pop();
    }
  };
  visit(root, 0);
  return { found, more };
}
function issueMessage(root, issue) {
  const items = issue.path ?? [];
  const segments = items.map((p) => p.key);
  const last = items[items.length - 1];
  if (last && "origin" in last && last.origin === "key" && issue.type !== "object") segments.pop();
  return at(root, segments, issue.message);
}

// src/core/xlsform/languages.ts
var KNOWN = {
  en: ["English", "english", "eng", "\u0430\u043D\u0433\u043B\u0438\u0439\u0441\u043A\u0438\u0439", "\u0430\u0493\u044B\u043B\u0448\u044B\u043D", "\u0430\u0493\u044B\u043B\u0448\u044B\u043D\u0448\u0430"],
  ru: ["\u0420\u0443\u0441\u0441\u043A\u0438\u0439", "russian", "rus", "\u0440\u0443\u0441\u0441\u043A\u0438\u0439", "\u043E\u0440\u044B\u0441\u0448\u0430", "\u043E\u0440\u044B\u0441"],
  kk: ["\u049A\u0430\u0437\u0430\u049B\u0448\u0430", "kazakh", "kaz", "\u049B\u0430\u0437\u0430\u049B", "\u049B\u0430\u0437\u0430\u049B\u0448\u0430", "\u043A\u0430\u0437\u0430\u0445\u0441\u043A\u0438\u0439", "qazaq", "qazaqsha"],
  ky: ["\u041A\u044B\u0440\u0433\u044B\u0437\u0447\u0430", "kyrgyz", "kirghiz", "kir", "\u043A\u044B\u0440\u0433\u044B\u0437\u0447\u0430", "\u043A\u0438\u0440\u0433\u0438\u0437\u0441\u043A\u0438\u0439"],
  uz: ["O\u02BBzbekcha", "uzbek", "uzb", "o\u02BBzbekcha", "o'zbekcha", "\u0443\u0437\u0431\u0435\u043A\u0441\u043A\u0438\u0439"],
  tg: ["\u0422\u043E\u04B7\u0438\u043A\u04E3", "tajik", "tgk", "\u0442\u043E\u04B7\u0438\u043A\u04E3", "\u0442\u0430\u0434\u0436\u0438\u043A\u0441\u043A\u0438\u0439"],
  tk: ["T\xFCrkmen\xE7e", "turkmen", "tuk", "t\xFCrkmen\xE7e"],
  mn: ["\u041C\u043E\u043D\u0433\u043E\u043B", "mongolian", "mon", "\u043C\u043E\u043D\u0433\u043E\u043B"],
  uk: ["\u0423\u043A\u0440\u0430\u0457\u043D\u0441\u044C\u043A\u0430", "ukrainian", "ukr", "\u0443\u043A\u0440\u0430\u0457\u043D\u0441\u044C\u043A\u0430", "\u0443\u043A\u0440\u0430\u0438\u043D\u0441\u043A\u0438\u0439"],
  be: ["\u0411\u0435\u043B\u0430\u0440\u0443\u0441\u043A\u0430\u044F", "belarusian", "bel", "\u0431\u0435\u043B\u0430\u0440\u0443\u0441\u043A\u0430\u044F"],
  tr: ["T\xFCrk\xE7e", "turkish", "tur", "t\xFCrk\xE7e"],
  az: ["Az\u0259rbaycanca", "azerbaijani", "aze", "az\u0259rbaycanca"],
  ka: ["\u10E5\u10D0\u10E0\u10D7\u10E3\u10DA\u10D8", "georgian", "kat", "geo", "\u10E5\u10D0\u10E0\u10D7\u10E3\u10DA\u10D8"],
  hy: ["\u0540\u0561\u0575\u0565\u0580\u0565\u0576", "armenian", "hye", "arm", "\u0570\u0561\u0575\u0565\u0580\u0565\u0576"],
  de: ["Deutsch", "german", "deu", "ger", "deutsch"],
  fr: ["Fran\xE7ais", "french", "fra", "fre", "fran\xE7ais", "francais"],
  es: ["Espa\xF1ol", "spanish", "spa", "espa\xF1ol", "espanol"],
  pt: ["Portugu\xEAs", "portuguese", "por", "portugu\xEAs", "portugues"],
  it: ["Italiano", "italian", "ita", "italiano"],
  nl: ["Nederlands", "dutch", "nld", "dut", "nederlands"],
  pl: ["Polski", "polish", "pol", "polski"],
  ar: ["\u0627\u0644\u0639\u0631\u0628\u064A\u0629", "arabic", "ara", "\u0627\u0644\u0639\u0631\u0628\u064A\u0629"],
  fa: ["\u0641\u0627\u0631\u0633\u06CC", "persian", "farsi", "fas", "per", "\u0641\u0627\u0631\u0633\u06CC"],
  ur: ["\u0627\u0631\u062F\u0648", "urdu", "urd", "\u0627\u0631\u062F\u0648"],
  hi: ["\u0939\u093F\u0928\u094D\u0926\u0940", "hindi", "hin", "\u0939\u093F\u0928\u094D\u0926\u0940"],
  bn: ["\u09AC\u09BE\u0982\u09B2\u09BE", "bengali", "bangla", "ben", "\u09AC\u09BE\u0982\u09B2\u09BE"],
  zh: ["\u4E2D\u6587", "chinese", "zho", "chi", "\u4E2D\u6587"],
  ja: ["\u65E5\u672C\u8A9E", "japanese", "jpn", "\u65E5\u672C\u8A9E"],
  ko: ["\uD55C\uAD6D\uC5B4", "korean", "kor", "\uD55C\uAD6D\uC5B4"],
  sw: ["Kiswahili", "swahili", "swa", "kiswahili"],
  am: ["\u12A0\u121B\u122D\u129B", "amharic", "amh", "\u12A0\u121B\u122D\u129B"],
  ha: ["Hausa", "hausa", "hau"],
  yo: ["Yor\xF9b\xE1", "yoruba", "yor", "yor\xF9b\xE1"],
  id: ["Bahasa Indonesia", "indonesian", "ind", "bahasa indonesia"],
  vi: ["Ti\u1EBFng Vi\u1EC7t", "vietnamese", "vie", "ti\u1EBFng vi\u1EC7t"],
  th: ["\u0E44\u0E17\u0E22", "thai", "tha", "\u0E44\u0E17\u0E22"],
  ne: ["\u0928\u0947\u092A\u093E\u0932\u0940", "nepali", "nep", "\u0928\u0947\u092A\u093E\u0932\u0940"]
};
var BY_NAME = /* @__PURE__ */ new Map();
for (const [code, names] of Object.entries(KNOWN)) for (const n of names) BY_NAME.set(n.toLowerCase(), code);
function canonicalCode(code) {
  return code.split("-").map((part, i2) => {
    if (i2 === 0) return part.toLowerCase();
    if (part.length === 2) return part.toUpperCase();
    if (part.length === 4) return part[0].toUpperCase() + part.slice(1).toLowerCase();
    return part.toLowerCase();
  }).join("-");
}
var CODE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
function resolveLanguage(raw) {
  const text2 = raw.trim();
  const paren = /^(.*?)\s*\(\s*([^()]+?)\s*\)$/.exec(text2);
  if (paren) {
    const name = paren[1].trim();
    const inner = paren[2];
    const code = CODE.test(inner) ? canonicalCode(inner) : inner;
    return { code, name: name || nativeName(code) };
  }
  const byName = BY_NAME.get(text2.toLowerCase());
  if (byName && !(text2.length === 2 && CODE.test(text2))) return { code: byName, name: nativeName(byName) ?? text2 };
  if (CODE.test(text2)) {
    const code = canonicalCode(text2);
    return { code, name: nativeName(code) };
  }
  return { code: text2, name: text2 };
}
function nativeName(code) {
  return KNOWN[code.split("-")[0]]?.[0];
}

// src/core/xlsform/table.ts
var TRANSLATABLE = /* @__PURE__ */ new Set([
  "label",
  "hint",
  "guidance_hint",
  "constraint_message",
  "required_message",
  "image",
  "audio",
  "video",
  "big-image",
  "media::image",
  "media::audio",
  "media::video",
  "media::big-image",
  "form_title"
]);
var ALIASES = {
  caption: "label",
  listname: "list_name",
  value: "name",
  command: "type",
  requiredmsg: "required_message",
  constraintmsg: "constraint_message",
  "jr:constraintmsg": "constraint_message",
  "jr:requiredmsg": "required_message",
  constraining_message: "constraint_message",
  readonly: "read_only",
  "bind::readonly": "read_only",
  relevance: "relevant",
  "bind::relevant": "relevant",
  "bind::required": "required",
  "bind::constraint": "constraint",
  calculate: "calculation",
  "bind::calculate": "calculation",
  "control::appearance": "appearance",
  choice_filters: "choice_filter",
  reversed: "reverse",
  "jr:count": "repeat_count",
  count: "repeat_count",
  "set_form_title": "form_title",
  "set_form_id": "form_id",
  form_version: "version"
};
var PREFIXES = /* @__PURE__ */ new Set(["media", "bind", "body", "control", "instance"]);
function normalizeKey(base) {
  const k = base.trim().toLowerCase().replace(/\s+/g, "_");
  return ALIASES[k] ?? k;
}
function parseHeader(header) {
  const text2 = header.trim();
  if (text2.includes("::")) {
    const parts = text2.split("::");
    let base = parts[0];
    let rest = parts.slice(1);
    if (PREFIXES.has(base.trim().toLowerCase()) && rest.length) {
      base = `${base.trim()}::${rest[0].trim()}`;
      rest = rest.slice(1);
    }
    const key = normalizeKey(base);
    const lang = rest.join("::").trim();
    if (lang && TRANSLATABLE.has(key)) return { key, language: resolveLanguage(lang) };
    return { key: lang ? `${key}::${lang.toLowerCase()}` : key };
  }
  const colon = text2.indexOf(":");
  if (colon > 0) {
    const key = normalizeKey(text2.slice(0, colon));
    const lang = text2.slice(colon + 1).trim();
    if (TRANSLATABLE.has(key) && lang) return { key, language: resolveLanguage(lang) };
  }
  return { key: normalizeKey(text2) };
}
function readTable(sheet, problems) {
  const [header, ...rows] = sheet.rows;
  if (!header) return { sheet, headerRow: 1, columns: [], rows: [] };
  const columns = [];
  const seen = /* @__PURE__ */ new Map();
  header.cells.forEach((raw, index) => {
    const text2 = raw.trim();
    if (!text2) return;
    const { key, language } = parseHeader(text2);
    const column = { index, header: text2, key, ...language ? { language } : {} };
    const id = `${key}\0${language ? language.code : ""}`;
    const before = seen.get(id);
    if (before) {
      problems.error(
        { sheet: sheet.name, row: header.row, column: text2 },
        `duplicate column '${text2}' (also column ${columnLetter(before.index)}, '${before.header}'): only one is read`
      );
      return;
    }
    seen.set(id, column);
    columns.push(column);
  });
  const headed = new Set(columns.map((c) => c.index));
  const reported = /* @__PURE__ */ new Set();
  for (const r of rows) {
    r.cells.forEach((v, i2) => {
      if (v.trim() && !headed.has(i2) && !reported.has(i2) && !header.cells[i2]?.trim()) {
        reported.add(i2);
        problems.warn(
          { sheet: sheet.name, row: r.row, column: columnLetter(i2) },
          `column ${columnLetter(i2)} has values but no header in row ${header.row}: ignored`
        );
      }
    });
  }
  return { sheet, headerRow: header.row, columns, rows };
}
function cellText(row, column) {
  if (!column) return "";
  return (row.cells[column.index] ?? "").trim();
}
function findColumn(table2, key) {
  return table2.columns.find((c) => c.key === key && !c.language);
}
function textColumns(table2, key) {
  return table2.columns.filter((c) => c.key === key);
}
function localizedText2(row, columns, defaultLanguage) {
  let out;
  for (const c of columns) {
    const v = cellText(row, c);
    if (!v) continue;
    const lang = c.language?.code ?? defaultLanguage;
    out ??= {};
    if (out[lang] === void 0 || c.language) out[lang] = v;
  }
  return out;
}
var YES = /* @__PURE__ */ new Set(["yes", "true", "1", "true()", "y"]);
var NO = /* @__PURE__ */ new Set(["no", "false", "0", "false()", "n"]);
function yesNo(text2) {
  const t = text2.trim().toLowerCase();
  if (!t) return void 0;
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return "invalid";
}

// src/core/xlsform/choices.ts
var KNOWN2 = /* @__PURE__ */ new Set(["list_name", "name", "label"]);
function readChoices(table2, problems, defaultLanguage, allowDuplicates) {
  const lists = /* @__PURE__ */ new Map();
  const sheet = table2.sheet.name;
  if (!table2.rows.length) return lists;
  const listColumn = findColumn(table2, "list_name");
  const nameColumn = findColumn(table2, "name");
  const labelColumns = textColumns(table2, "label");
  if (!listColumn || !nameColumn) {
    const missing = [!listColumn && "list_name", !nameColumn && "name"].filter(Boolean).join(" and ");
    problems.error({ sheet, row: table2.headerRow }, `the choices sheet has no ${missing} column`);
    return lists;
  }
  for (const column of table2.columns) {
    if (KNOWN2.has(column.key)) continue;
    const used = table2.rows.find((r) => cellText(r, column) !== "");
    if (!used) continue;
    problems.warn(
      { sheet, row: used.row, column: column.header },
      column.key.startsWith("media") || ["image", "audio", "video", "big-image"].includes(column.key) ? `column '${column.header}' is not read: Dala shows no media with choices` : `column '${column.header}' is not read by Dala (choice attributes only serve choice_filter, which Dala does not apply)`
    );
  }
  const firstRow = /* @__PURE__ */ new Map();
  for (const r of table2.rows) {
    const list2 = cellText(r, listColumn);
    const name = cellText(r, nameColumn);
    const label = localizedText2(r, labelColumns, defaultLanguage);
    if (!list2 && !name) {
      if (label) problems.error({ sheet, row: r.row, column: listColumn.header }, "this choice has a label but no list_name and no name");
      continue;
    }
    if (!list2) {
      problems.error({ sheet, row: r.row, column: listColumn.header }, `choice '${name}' has no list_name`);
      continue;
    }
    if (!name) {
      problems.error({ sheet, row: r.row, column: nameColumn.header }, `a choice of list '${list2}' has no name`);
      continue;
    }
    let def = lists.get(list2);
    if (!def) {
      if (!NAME_PATTERN.test(list2) || list2.length > INSTRUMENT_LIMITS.name || RESERVED_NAMES.has(list2)) {
        problems.error(
          { sheet, row: r.row, column: listColumn.header },
          `'${list2}' is not a valid list name: use letters, digits, _ . - (at most ${INSTRUMENT_LIMITS.name}), starting with a letter or _`
        );
      }
      def = { name: list2, row: r.row, choices: [] };
      lists.set(list2, def);
      firstRow.set(list2, /* @__PURE__ */ new Map());
    }
    if (!CHOICE_NAME_PATTERN.test(name) || name.length > INSTRUMENT_LIMITS.name || RESERVED_NAMES.has(name)) {
      problems.error(
        { sheet, row: r.row, column: nameColumn.header },
        RESERVED_NAMES.has(name) ? `'${name}' is reserved and cannot be a choice name` : `choice name '${name}' is not valid: a stored code has no spaces and at most ${INSTRUMENT_LIMITS.name} characters`
      );
    }
    const seen = firstRow.get(list2);
    const before = seen.get(name);
    if (before !== void 0) {
      problems.error(
        { sheet, row: r.row, column: nameColumn.header },
        `duplicate choice '${name}' in list '${list2}' (first on row ${before})` + (allowDuplicates ? ": Dala needs unique choice names within a list, even with allow_choice_duplicates" : "")
      );
      continue;
    }
    seen.set(name, r.row);
    if (!label) {
      problems.warn({ sheet, row: r.row, column: labelColumns[0]?.header ?? "label" }, `choice '${name}' of list '${list2}' has no label: its name is shown`);
    }
    def.choices.push({ name, label: label ?? { [defaultLanguage]: name }, row: r.row });
  }
  for (const def of lists.values()) {
    if (def.choices.length > INSTRUMENT_LIMITS.choicesPerList) {
      problems.error(
        { sheet, row: def.row, column: listColumn.header },
        `list '${def.name}' has ${def.choices.length} choices; Dala allows at most ${INSTRUMENT_LIMITS.choicesPerList}`
      );
    }
  }
  return lists;
}

// src/core/xlsform/expressions.ts
var REFUSED_FUNCTIONS = [
  [/\bpulldata\s*\(/, "pulldata() (reading data from an attached CSV file)"],
  [/\bsearch\s*\(/, "search() (choices from an attached CSV file)"],
  [/\bjr:choice-name\s*\(/, "jr:choice-name() (the label of a choice)"],
  [/\bindexed-repeat\s*\(/, "indexed-repeat() (repeats)"],
  [/\bposition\s*\(/, "position() (repeats)"],
  [/\binstance\s*\(/, "instance() (secondary instances)"],
  [/\bcurrent\s*\(/, "current() (secondary instances)"]
];
function blankStrings(source) {
  return source.replace(/'[^']*'|"[^"]*"/g, (m) => m[0] + " ".repeat(Math.max(0, m.length - 2)) + m[m.length - 1]);
}
function checkExpression(source) {
  const code = blankStrings(source);
  for (const [pattern, feature] of REFUSED_FUNCTIONS) {
    const m = pattern.exec(code);
    if (m) return { references: [], issues: [{ message: `Dala does not support ${feature}`, position: m.index }] };
  }
  try {
    return { references: references(parseExpression(source)), issues: [] };
  } catch (e) {
    if (e instanceof ExpressionError) {
      return { references: [], issues: [{ message: `the expression does not parse: ${e.reason}`, position: e.position }] };
    }
    throw e;
  }
}
function textReferences(text2) {
  const out = [];
  const re = /\$\{([^}]*)\}/g;
  for (let m = re.exec(text2); m; m = re.exec(text2)) out.push({ name: m[1].trim(), position: m.index });
  return out;
}
function allOf(conditions) {
  const parts = conditions.map((c) => c.trim()).filter((c) => c !== "");
  if (parts.length <= 1) return parts[0];
  return parts.map((c) => `(${c})`).join(" and ");
}

// src/core/xlsform/likert.ts
var PLAIN_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/;
function likertScaleOf(list2) {
  const points = list2.choices.filter((c) => PLAIN_NUMBER.test(c.name));
  if (points.length < 2) return void 0;
  const nonSubstantive = list2.choices.filter((c) => !PLAIN_NUMBER.test(c.name)).map((c) => ({ name: c.name, label: c.label }));
  return {
    points: points.map((c) => ({ value: Number(c.name), label: c.label })),
    ...nonSubstantive.length ? { nonSubstantive } : {}
  };
}
var isLikertGroup = (g) => g.kind === "group" && g.appearance.some((w) => w === "likert" || w === "table-list");
function resolveLikert(items, lists, groups, problems, defaultLanguage, where) {
  const likertScales = {};
  const likertLists = /* @__PURE__ */ new Set();
  const scaleOrder = [];
  const scales = /* @__PURE__ */ new Map();
  const groupByName = new Map(groups.filter((g) => g.kind === "group").map((g) => [g.name, g]));
  const labelledScales = /* @__PURE__ */ new Set();
  const validScaleName = (n) => NAME_PATTERN.test(n) && n.length <= INSTRUMENT_LIMITS.name && !RESERVED_NAMES.has(n);
  for (const d of items) {
    const { item: item2 } = d;
    const reverse = yesNo(d.reverse);
    if (reverse === "invalid") problems.error(where(d, "reverse"), `reverse must be yes or no, not '${d.reverse}'`);
    const wantsLikertLook = d.appearance.includes("likert");
    const claimed = wantsLikertLook || d.scale !== "" || d.groups.some(isLikertGroup);
    const list2 = d.select ? lists.get(d.select.list) : void 0;
    const scale2 = d.select?.type === "select_one" && list2 ? likertScaleOf(list2) : void 0;
    const notLikert = (why) => {
      if (d.scale) problems.error(where(d, "scale"), `'${item2.name}' cannot be in scale '${d.scale}': ${why}`);
      else if (reverse === true) problems.error(where(d, "reverse"), `'${item2.name}' cannot be reverse coded: ${why}`);
      else if (wantsLikertLook && d.select?.type === "select_one" && list2) {
        problems.warn(where(d, "appearance"), `appearance likert on '${item2.name}', but ${why}: it stays an ordinary select_one, not scored`);
      }
    };
    if (!d.select || d.select.type !== "select_one") {
      if (d.scale || reverse === true) notLikert(`only a select_one over a list with numeric choice names is a Likert item, and this is ${item2.type}`);
      continue;
    }
    if (!list2) continue;
    if (d.select.other) {
      if (claimed || reverse === true) notLikert('a Likert item has no "or_other"');
      continue;
    }
    if (!scale2) {
      if (claimed || reverse === true) notLikert(`list '${list2.name}' has fewer than two numeric choice names (like 1..5)`);
      continue;
    }
    if (!claimed) {
      if (reverse === true) {
        problems.error(
          where(d, "reverse"),
          `'${item2.name}' is marked reverse but is not a Likert item: give it the appearance likert or a scale`
        );
      }
      continue;
    }
    if (scale2.points.length > INSTRUMENT_LIMITS.likertPoints || (scale2.nonSubstantive?.length ?? 0) > INSTRUMENT_LIMITS.nonSubstantive) {
      problems.error(
        where(d, "type"),
        `list '${list2.name}' cannot be a Likert scale: at most ${INSTRUMENT_LIMITS.likertPoints} numeric points and ${INSTRUMENT_LIMITS.nonSubstantive} other answers (it has ${scale2.points.length} and ${scale2.nonSubstantive?.length ?? 0})`
      );
      continue;
    }
    item2.type = "likert";
    item2.likert = list2.name;
    delete item2.choices;
    delete item2.other;
    likertScales[list2.name] = scale2;
    likertLists.add(list2.name);
    let scaleName;
    let label;
    const innermost = [...d.groups].reverse().find((g) => g.kind === "group");
    if (d.scale) {
      if (!validScaleName(d.scale)) {
        problems.error(where(d, "scale"), `'${d.scale}' is not a valid scale name: use letters, digits, _ . -, starting with a letter or _`);
        continue;
      }
      scaleName = d.scale;
      const group = groupByName.get(d.scale);
      label = group && Object.keys(group.label).length ? group.label : { [defaultLanguage]: d.scale };
      if (group) labelledScales.add(group);
    } else if (innermost) {
      scaleName = innermost.name;
      label = Object.keys(innermost.label).length ? innermost.label : { [defaultLanguage]: innermost.name };
      labelledScales.add(innermost);
    } else {
      problems.warn(where(d, "scale"), `Likert item '${item2.name}' is in no scale: it has no scale cell and is in no group`);
      continue;
    }
    const values = scale2.points.map((p) => p.value);
    const range = { min: Math.min(...values), max: Math.max(...values), list: list2.name, row: d.row };
    let entry = scales.get(scaleName);
    if (!entry) {
      entry = { def: { name: scaleName, label, items: [], reversed: [] }, range };
      scales.set(scaleName, entry);
      scaleOrder.push(scaleName);
    } else if (entry.range.min !== range.min || entry.range.max !== range.max) {
      problems.error(
        where(d, d.scale ? "scale" : "type"),
        `scale '${scaleName}' mixes answer ranges: list '${range.list}' runs ${range.min}..${range.max}, but list '${entry.range.list}' (row ${entry.range.row}) runs ${entry.range.min}..${entry.range.max}; reverse coding needs one range`
      );
      continue;
    } else if (entry.range.list !== range.list) {
      problems.warn(
        where(d, d.scale ? "scale" : "type"),
        `scale '${scaleName}' mixes lists '${entry.range.list}' (row ${entry.range.row}) and '${range.list}' with the same range`
      );
    }
    entry.def.items.push(item2.name);
    if (reverse === true) entry.def.reversed.push(item2.name);
  }
  return { likertScales, scales: scaleOrder.map((n) => scales.get(n).def), likertLists, labelledScales };
}

// src/core/xlsform/problems.ts
var Problems = class {
  constructor(file) {
    this.file = file;
  }
  file;
  list = [];
  error(where, message) {
    this.list.push({ severity: "error", file: this.file, ...where, message });
  }
  warn(where, message) {
    this.list.push({ severity: "warning", file: this.file, ...where, message });
  }
  get hasErrors() {
    return this.list.some((p) => p.severity === "error");
  }
  /** Errors first, then warnings; each in sheet order (as given), then row order. */
  sorted(sheetOrder) {
    const sheetRank = (p) => {
      if (p.sheet === void 0) return -1;
      const i2 = sheetOrder.indexOf(p.sheet);
      return i2 < 0 ? sheetOrder.length : i2;
    };
    return this.list.map((p, i2) => ({ p, i: i2 })).sort(
      (a, b) => (a.p.severity === b.p.severity ? 0 : a.p.severity === "error" ? -1 : 1) || sheetRank(a.p) - sheetRank(b.p) || (a.p.row ?? 0) - (b.p.row ?? 0) || a.i - b.i
    ).map(({ p }) => p);
  }
};

// src/core/xlsform/settings.ts
var KNOWN3 = /* @__PURE__ */ new Set(["form_title", "form_id", "version", "default_language", "recipients", "allow_choice_duplicates"]);
var ADVICE = {
  public_key: "Dala encrypts to age recipients: list them in a recipients column instead",
  submission_url: "Dala moves data as encrypted bundles, not by submission to a server",
  instance_name: "Dala names records itself",
  style: "Dala has its own layout"
};
function readSettings(table2, problems) {
  const settings = { titles: [], allowChoiceDuplicates: false, columns: /* @__PURE__ */ new Map() };
  if (!table2 || !table2.rows.length) return settings;
  const sheet = table2.sheet.name;
  const [row, ...extra] = table2.rows;
  if (!row) return settings;
  settings.row = row.row;
  if (extra[0]) {
    problems.warn({ sheet, row: extra[0].row }, `only row ${row.row} of the settings sheet is read; row ${extra[0].row} and below are ignored`);
  }
  const at2 = (c) => ({ sheet, row: row.row, column: c.header });
  for (const c of table2.columns) {
    settings.columns.set(c.key, c);
    const value = cellText(row, c);
    if (!value) continue;
    if (c.key === "form_title") settings.titles.push({ ...c.language ? { language: c.language } : {}, text: value });
    else if (!KNOWN3.has(c.key)) {
      const advice = ADVICE[c.key];
      problems.warn(at2(c), `setting '${c.header}' is not used by Dala${advice ? `: ${advice}` : ""}`);
    }
  }
  const get = (key) => {
    const c = findColumn(table2, key);
    return c ? { column: c, value: cellText(row, c) } : void 0;
  };
  const formId = get("form_id");
  if (formId?.value) settings.formId = formId.value;
  const version = get("version");
  if (version?.value) {
    if (version.value.length > INSTRUMENT_LIMITS.name) {
      problems.error(at2(version.column), `version '${version.value}' is longer than ${INSTRUMENT_LIMITS.name} characters`);
    } else settings.version = version.value;
  }
  const lang = get("default_language");
  if (lang?.value) settings.defaultLanguage = { ...resolveLanguage(lang.value), where: at2(lang.column) };
  const dup = get("allow_choice_duplicates");
  settings.allowChoiceDuplicates = ["yes", "true", "1"].includes((dup?.value ?? "").toLowerCase());
  const recipients = get("recipients");
  if (recipients?.value) {
    const keys = [...new Set(recipients.value.split(/[\s,;]+/).filter((k) => k !== ""))];
    const bad = keys.filter((k) => !RECIPIENT_PATTERN.test(k));
    for (const k of bad) {
      problems.error(
        at2(recipients.column),
        k.startsWith("age1pq") ? `recipient '${clip3(k)}' is a post-quantum age key; Dala needs an X25519 recipient (age1 and 58 characters, from age-keygen)` : `recipient '${clip3(k)}' is not an age public key (age1 and 58 characters, as age-keygen prints it)`
      );
    }
    if (keys.length > INSTRUMENT_LIMITS.recipients) {
      problems.error(at2(recipients.column), `${keys.length} recipients; Dala allows at most ${INSTRUMENT_LIMITS.recipients}`);
    }
    if (!bad.length) settings.recipients = keys;
  }
  return settings;
}
function clip3(s) {
  return s.length > 24 ? `${s.slice(0, 24)}...` : s;
}

// src/core/xlsform/question-type.ts
var SIMPLE = {
  text: "text",
  string: "text",
  integer: "integer",
  int: "integer",
  decimal: "decimal",
  date: "date",
  time: "time",
  note: "note",
  calculate: "calculate",
  acknowledge: "acknowledge",
  "phone number": "phone number",
  phone_number: "phone number"
};
var METADATA = /* @__PURE__ */ new Set([
  "start",
  "end",
  "deviceid",
  "imei",
  "subscriberid",
  "simserial",
  "phonenumber",
  "username",
  "email",
  "audit",
  "uri:deviceid",
  "uri:subscriberid",
  "uri:simserial",
  "uri:phonenumber",
  "uri:username",
  "uri:email",
  "instanceid"
]);
var UNSUPPORTED = {
  geopoint: { feature: "GPS location (geopoint)" },
  geotrace: { feature: "GPS line (geotrace)" },
  geoshape: { feature: "GPS area (geoshape)" },
  "start-geopoint": { feature: "GPS location at start (start-geopoint)" },
  image: { feature: "photo or image answers (image)" },
  photo: { feature: "photo or image answers (photo)" },
  audio: { feature: "audio recordings (audio)" },
  "background-audio": { feature: "background audio recording (background-audio)" },
  video: { feature: "video recordings (video)" },
  file: { feature: "file uploads (file)" },
  barcode: { feature: "barcode scanning (barcode)" },
  range: { feature: "range questions (range)", advice: "use integer with a constraint, or a Likert list" },
  rank: { feature: "ranking questions (rank)" },
  trigger: { feature: "the old 'trigger' type", advice: "use 'acknowledge'" },
  datetime: { feature: "date-and-time answers (dateTime)", advice: "use a date and a time question" },
  hidden: { feature: "hidden fields (hidden)", advice: "use calculate" },
  "xml-external": { feature: "external XML data (xml-external)" },
  "csv-external": { feature: "external CSV data (csv-external)" },
  osm: { feature: "OpenStreetMap questions (osm)" },
  include: { feature: "including other forms (include)" },
  signature: { feature: "signatures (signature)" },
  "select_one_from_file": { feature: "choices from a file (select_one_from_file)", advice: "put the choices in the choices sheet" },
  "select_multiple_from_file": {
    feature: "choices from a file (select_multiple_from_file)",
    advice: "put the choices in the choices sheet"
  },
  select_one_external: { feature: "external selects (select_one_external)", advice: "put the choices in the choices sheet" },
  select_multiple_external: { feature: "external selects (select_multiple_external)" },
  entity: { feature: "entities" }
};
var SELECTS = [
  ["add select one prompt using", "select_one"],
  ["add select multiple prompt using", "select_multiple"],
  ["select all that apply from", "select_multiple"],
  ["select all that apply", "select_multiple"],
  ["select multiple from", "select_multiple"],
  ["select one from", "select_one"],
  ["select_one", "select_one"],
  ["select one", "select_one"],
  ["select1", "select_one"],
  ["select_multiple", "select_multiple"],
  ["select multiple", "select_multiple"]
].sort((a, b) => b[0].length - a[0].length);
function parseType(cell) {
  const raw = cell.trim().replace(/\s+/g, " ");
  const lower = raw.toLowerCase();
  if (/^begin[ _-]?group$/.test(lower)) return { kind: "begin_group" };
  if (/^end[ _-]?group$/.test(lower)) return { kind: "end_group" };
  if (/^begin[ _-]?(repeat|lgroup|looped[ _-]group)$/.test(lower)) return { kind: "begin_repeat", feature: "repeats (begin repeat)" };
  if (/^begin[ _-]?loop\b/.test(lower)) return { kind: "begin_repeat", feature: "loops (begin loop)" };
  if (/^end[ _-]?(repeat|loop|lgroup|looped[ _-]group)$/.test(lower)) return { kind: "end_repeat" };
  const simple = SIMPLE[lower];
  if (simple) return { kind: "question", type: simple };
  if (lower === "today") return { kind: "metadata", name: "today" };
  if (METADATA.has(lower)) return { kind: "metadata", name: lower };
  const firstWord = lower.split(" ")[0];
  const unsupported = UNSUPPORTED[lower] ?? UNSUPPORTED[firstWord] ?? unsupportedPrefix(lower);
  if (unsupported) return { kind: "unsupported", ...unsupported };
  for (const [keyword, type] of SELECTS) {
    if (lower === keyword) return { kind: "malformed", message: `'${raw}' names no choice list: write '${type} LIST'` };
    if (!lower.startsWith(keyword + " ")) continue;
    let rest = raw.slice(keyword.length).trim();
    let other = false;
    const orOther = / (or_other|or specify other|or other)$/i.exec(rest);
    if (orOther) {
      other = true;
      rest = rest.slice(0, orOther.index).trim();
    }
    if (!rest) return { kind: "malformed", message: `'${raw}' names no choice list: write '${type} LIST'` };
    if (rest.includes(" ")) {
      return { kind: "malformed", message: `'${raw}': a choice list name has no spaces ('${rest}'); only 'or_other' may follow it` };
    }
    return { kind: "select", type, list: rest, other };
  }
  return { kind: "unknown", type: raw };
}
function unsupportedPrefix(lower) {
  const advice = "put the choices in the choices sheet";
  if (/^select[ _](one|multiple)[ _]from[ _]file\b/.test(lower)) return { feature: "choices from a file", advice };
  if (/^select[ _](one|multiple)[ _]external\b/.test(lower)) return { feature: "external selects", advice };
  return void 0;
}

// src/core/xlsform/survey.ts
var READ = /* @__PURE__ */ new Set([
  "type",
  "name",
  "label",
  "hint",
  "required",
  "required_message",
  "relevant",
  "constraint",
  "constraint_message",
  "appearance",
  "default",
  "read_only",
  "calculation",
  "choice_filter",
  "scale",
  "reverse",
  "trigger",
  "repeat_count"
]);
var APPEARANCES = {
  text: /* @__PURE__ */ new Set(["multiline"]),
  select_one: /* @__PURE__ */ new Set(["minimal", "likert"]),
  select_multiple: /* @__PURE__ */ new Set(["minimal"]),
  group: /* @__PURE__ */ new Set(["field-list", "table-list", "likert"])
};
var METADATA_CALCULATIONS = { today: "today()" };
function readSurvey(table2, problems, defaultLanguage) {
  const sheet = table2.sheet.name;
  const draft = {
    sections: [],
    items: [],
    groups: [],
    expressions: [],
    texts: [],
    metadata: /* @__PURE__ */ new Map(),
    refused: /* @__PURE__ */ new Set()
  };
  const col = (key) => findColumn(table2, key);
  const typeCol = col("type");
  const nameCol = col("name");
  if (!typeCol || !nameCol) {
    const missing = [!typeCol && "type", !nameCol && "name"].filter(Boolean).join(" and ");
    problems.error({ sheet, row: table2.headerRow }, `the survey sheet has no ${missing} column`);
    return draft;
  }
  const cols = {
    label: textColumns(table2, "label"),
    hint: textColumns(table2, "hint"),
    requiredMessage: textColumns(table2, "required_message"),
    constraintMessage: textColumns(table2, "constraint_message"),
    required: col("required"),
    relevant: col("relevant"),
    constraint: col("constraint"),
    appearance: col("appearance"),
    default: col("default"),
    readOnly: col("read_only"),
    calculation: col("calculation"),
    choiceFilter: col("choice_filter"),
    scale: col("scale"),
    reverse: col("reverse"),
    trigger: col("trigger")
  };
  reportUnreadColumns(table2, problems);
  const at2 = (r, c) => ({ sheet, row: r.row, ...c ? { column: c.header } : {} });
  const itemRows = /* @__PURE__ */ new Map();
  const groupRows = /* @__PURE__ */ new Map();
  const ignoredAppearances = /* @__PURE__ */ new Map();
  const stack = [];
  let current;
  const checkName = (r, name, what) => {
    if (!name) {
      problems.error(at2(r, nameCol), `this ${what} has no name`);
      return false;
    }
    if (RESERVED_NAMES.has(name)) {
      problems.error(at2(r, nameCol), `'${name}' is reserved (every JavaScript object has it) and cannot be a name`);
      return false;
    }
    if (!NAME_PATTERN.test(name) || name.length > INSTRUMENT_LIMITS.name) {
      problems.error(
        at2(r, nameCol),
        `'${name}' is not a valid name: use letters, digits, _ . - (at most ${INSTRUMENT_LIMITS.name}), starting with a letter or _`
      );
      return false;
    }
    return true;
  };
  const collectTexts = (r) => {
    for (const c of [...cols.label, ...cols.hint, ...cols.requiredMessage, ...cols.constraintMessage]) {
      const text2 = cellText(r, c);
      if (text2.includes("${")) draft.texts.push({ text: text2, where: at2(r, c) });
    }
  };
  const appearanceOf = (r, kind) => {
    const raw = cellText(r, cols.appearance);
    if (!raw) return { words: [], kept: [] };
    if (/\bsearch\s*\(/.test(raw)) {
      problems.error(at2(r, cols.appearance), "Dala does not support search() (choices from an attached CSV file)");
      return { words: [], kept: [] };
    }
    const words = raw.split(/\s+/).filter((w) => w !== "");
    const allowed = APPEARANCES[kind] ?? /* @__PURE__ */ new Set();
    const kept = [];
    for (const w of words) {
      const word = w.toLowerCase();
      if (word.startsWith("ex:")) {
        problems.error(at2(r, cols.appearance), `Dala does not support launching another app (appearance '${w}')`);
      } else if (allowed.has(word)) {
        if (!kept.includes(word)) kept.push(word);
      } else {
        const seen = ignoredAppearances.get(word);
        if (seen) seen.rows.push(r.row);
        else ignoredAppearances.set(word, { where: at2(r, cols.appearance), rows: [r.row] });
      }
    }
    return { words: words.map((w) => w.toLowerCase()), kept };
  };
  const boolCell = (r, c, what) => {
    const text2 = cellText(r, c);
    const v = yesNo(text2);
    if (v !== "invalid") return v;
    problems.error(
      at2(r, c),
      /[$(=<>]/.test(text2) ? `a condition in ${what} ('${text2}') is not supported: write yes or no` : `${what} must be yes or no, not '${text2}'`
    );
    return void 0;
  };
  const sectionForItem = (r) => {
    if (stack.length) return current;
    if (!current || current.group) {
      current = { row: r.row, items: [] };
      draft.sections.push(current);
    }
    return current;
  };
  for (const r of table2.rows) {
    const typeText = cellText(r, typeCol);
    const name = cellText(r, nameCol);
    if (!typeText) {
      if (name) problems.error(at2(r, typeCol), `'${name}' has no type`);
      else if (cols.label.some((c) => cellText(r, c))) problems.error(at2(r, typeCol), "this row has a label but no type");
      continue;
    }
    const parsed = parseType(typeText);
    const triggerText = cellText(r, cols.trigger);
    if (triggerText) problems.error(at2(r, cols.trigger), "Dala does not support trigger (recalculating when another answer changes)");
    switch (parsed.kind) {
      case "begin_group":
      case "begin_repeat": {
        const kind = parsed.kind === "begin_group" ? "group" : "repeat";
        if (parsed.kind === "begin_repeat") {
          problems.error(at2(r, typeCol), `Dala does not support ${parsed.feature}`);
        }
        let groupName = name;
        if (checkName(r, name, kind)) {
          const before2 = groupRows.get(name);
          if (before2 !== void 0) problems.error(at2(r, nameCol), `duplicate group name '${name}' (first used on row ${before2})`);
          else groupRows.set(name, r.row);
        } else groupName = `row${r.row}`;
        const relevant2 = cellText(r, cols.relevant);
        if (relevant2) draft.expressions.push({ source: relevant2, where: at2(r, cols.relevant), kind: "relevant" });
        const hint2 = localizedText2(r, cols.hint, defaultLanguage);
        const frame = {
          kind,
          name: groupName,
          label: localizedText2(r, cols.label, defaultLanguage) ?? {},
          ...hint2 ? { hint: hint2 } : {},
          ...relevant2 ? { relevant: relevant2 } : {},
          appearance: appearanceOf(r, "group").words,
          row: r.row,
          depth: stack.length,
          items: 0
        };
        collectTexts(r);
        draft.groups.push(frame);
        if (!stack.length) {
          current = { group: frame, row: r.row, items: [] };
          draft.sections.push(current);
        }
        stack.push(frame);
        continue;
      }
      case "end_group":
      case "end_repeat": {
        const kind = parsed.kind === "end_group" ? "group" : "repeat";
        const top = stack.pop();
        if (!top) {
          problems.error(at2(r, typeCol), `end ${kind} without a matching begin ${kind}`);
          continue;
        }
        if (top.kind !== kind) {
          problems.error(at2(r, typeCol), `end ${kind} closes the begin ${top.kind} '${top.name}' of row ${top.row}: write end ${top.kind}`);
        }
        if (top.items === 0 && top.kind === "group") {
          problems.warn(
            { sheet, row: top.row, ...nameCol ? { column: nameCol.header } : {} },
            `group '${top.name}' has no questions${stack.length ? "" : ": it is left out"}`
          );
        }
        if (!stack.length) current = void 0;
        continue;
      }
      case "unsupported":
        problems.error(at2(r, typeCol), `Dala does not support ${parsed.feature}${parsed.advice ? `: ${parsed.advice}` : ""}`);
        if (name) draft.refused.add(name);
        continue;
      case "malformed":
        problems.error(at2(r, typeCol), parsed.message);
        if (name) draft.refused.add(name);
        continue;
      case "unknown":
        problems.error(at2(r, typeCol), `unknown question type '${parsed.type}'`);
        if (name) draft.refused.add(name);
        continue;
      case "metadata": {
        const calculation2 = METADATA_CALCULATIONS[parsed.name];
        if (!calculation2) {
          problems.warn(
            at2(r, typeCol),
            `metadata '${typeText}' is not recorded by Dala (it keeps its own interview times and device-free records): row ignored`
          );
          if (name) draft.metadata.set(name, r.row);
          continue;
        }
        break;
      }
      default:
        break;
    }
    if (!checkName(r, name, "question")) {
      if (name) draft.refused.add(name);
      continue;
    }
    const before = itemRows.get(name);
    if (before !== void 0) {
      problems.error(at2(r, nameCol), `duplicate name '${name}' (first used on row ${before})`);
      continue;
    }
    itemRows.set(name, r.row);
    const section2 = sectionForItem(r);
    const groups = stack.slice();
    for (const g of groups) g.items++;
    let type;
    let kindForAppearance;
    let select;
    let extraConstraint;
    let calculation;
    if (parsed.kind === "metadata") {
      type = "calculate";
      kindForAppearance = "calculate";
      calculation = METADATA_CALCULATIONS[parsed.name];
    } else if (parsed.kind === "select") {
      type = parsed.type;
      kindForAppearance = parsed.type;
      select = { type: parsed.type, list: parsed.list, other: parsed.other, where: at2(r, typeCol) };
    } else if (parsed.kind === "question") {
      if (parsed.type === "phone number") {
        type = "text";
        extraConstraint = "regex(., '^[0-9]*$')";
      } else type = parsed.type;
      kindForAppearance = type;
    } else continue;
    const appearance = appearanceOf(r, kindForAppearance);
    if (type === "text" && appearance.kept.includes("multiline")) type = "longtext";
    const label = localizedText2(r, cols.label, defaultLanguage);
    if (!label && type !== "calculate") problems.error(at2(r, cols.label[0]), `'${name}' has no label`);
    const item2 = { name, type, label: label ?? {} };
    const hint = localizedText2(r, cols.hint, defaultLanguage);
    if (hint && type !== "calculate") item2.hint = hint;
    collectTexts(r);
    const required = boolCell(r, cols.required, "required");
    const requiredMessage = localizedText2(r, cols.requiredMessage, defaultLanguage);
    if (required !== void 0 && (type === "note" || type === "calculate")) {
      if (required) problems.warn(at2(r, cols.required), `required is ignored on a ${type} row`);
    } else if (required !== void 0) item2.required = required;
    if (requiredMessage) {
      if (item2.required) item2.requiredMessage = requiredMessage;
      else problems.warn(at2(r, cols.requiredMessage[0]), "required_message is ignored: the question is not required");
    }
    const ownRelevant = cellText(r, cols.relevant);
    if (ownRelevant) draft.expressions.push({ source: ownRelevant, where: at2(r, cols.relevant), kind: "relevant", self: name });
    const relevant = allOf([...groups.slice(1).map((g) => g.relevant ?? ""), ownRelevant]);
    if (relevant) item2.relevant = relevant;
    const ownConstraint = cellText(r, cols.constraint);
    if (ownConstraint) draft.expressions.push({ source: ownConstraint, where: at2(r, cols.constraint), kind: "constraint" });
    const constraint = allOf([extraConstraint ?? "", ownConstraint]);
    const constraintMessage = localizedText2(r, cols.constraintMessage, defaultLanguage);
    if (constraint) {
      if (type === "note" || type === "calculate") problems.warn(at2(r, cols.constraint), `constraint is ignored on a ${type} row`);
      else item2.constraint = constraint;
    }
    if (constraintMessage) {
      if (item2.constraint) item2.constraintMessage = constraintMessage;
      else problems.warn(at2(r, cols.constraintMessage[0]), "constraint_message is ignored: the question has no constraint");
    }
    if (select) {
      item2.choices = select.list;
      if (select.other) item2.other = true;
    }
    const calcText = cellText(r, cols.calculation);
    if (type === "calculate") {
      const source = calcText || calculation;
      if (!source) problems.error(at2(r, cols.calculation ?? typeCol), `calculate '${name}' has no calculation`);
      else {
        if (calcText) draft.expressions.push({ source: calcText, where: at2(r, cols.calculation), kind: "calculation", self: name });
        item2.calculation = source;
      }
    } else if (calcText) {
      problems.error(
        at2(r, cols.calculation),
        `a calculation is not supported on a '${typeText}' row: only calculate rows compute values`
      );
    }
    const defaultText = cellText(r, cols.default);
    let defaultValue;
    if (defaultText) {
      if (defaultText.includes("${") || /^[A-Za-z_][A-Za-z0-9_:-]*\s*\(.*\)$/s.test(defaultText)) {
        problems.error(at2(r, cols.default), `a computed default ('${defaultText}') is not supported: Dala defaults are fixed values`);
      } else if (type === "note" || type === "calculate") {
        problems.warn(at2(r, cols.default), `default is ignored on a ${type} row`);
      } else defaultValue = { text: defaultText, where: at2(r, cols.default) };
    }
    const readOnly = boolCell(r, cols.readOnly, "read_only");
    if (readOnly !== void 0 && type !== "note" && type !== "calculate") item2.readOnly = readOnly;
    if (appearance.kept.length) item2.appearance = appearance.kept.join(" ");
    const choiceFilter = cellText(r, cols.choiceFilter);
    if (choiceFilter) {
      draft.expressions.push({
        source: choiceFilter,
        where: at2(r, cols.choiceFilter),
        kind: "choice_filter",
        ...select ? { list: select.list } : {}
      });
    }
    const itemDraft = {
      item: item2,
      row: r.row,
      groups,
      ...select ? { select } : {},
      appearance: appearance.words,
      scale: cellText(r, cols.scale),
      reverse: cellText(r, cols.reverse),
      ...defaultValue ? { defaultValue } : {}
    };
    section2.items.push(itemDraft);
    draft.items.push(itemDraft);
  }
  for (const open of stack) {
    problems.error({ sheet, row: open.row, column: typeCol.header }, `begin ${open.kind} '${open.name}' has no matching end ${open.kind}`);
  }
  for (const [word, { where, rows }] of ignoredAppearances) {
    problems.warn(where, `appearance '${word}' is not supported by Dala: ignored (${rowList(rows)})`);
  }
  return draft;
}
function rowList(rows) {
  if (rows.length === 1) return `row ${rows[0]}`;
  const shown = rows.slice(0, 10).join(", ");
  return `rows ${shown}${rows.length > 10 ? `, ... (${rows.length} in all)` : ""}`;
}
function reportUnreadColumns(table2, problems) {
  for (const c of table2.columns) {
    if (READ.has(c.key) && !(c.language && !TRANSLATABLE.has(c.key))) continue;
    const rows = table2.rows.filter((r) => cellText(r, c) !== "").map((r) => r.row);
    if (!rows.length) continue;
    const isMedia = ["image", "audio", "video", "big-image"].includes(c.key) || c.key.startsWith("media::");
    const reason = isMedia ? "Dala shows no images, audio or video" : c.key === "guidance_hint" ? "Dala has no guidance hints" : c.key === "parameters" ? "Dala has no question parameters" : "Dala does not know this column";
    problems.warn({ sheet: table2.sheet.name, row: rows[0], column: c.header }, `column '${c.header}' is ignored: ${reason} (${rowList(rows)})`);
  }
}

// src/core/xlsform/convert.ts
var SHEETS = ["survey", "choices", "settings"];
function isFormSheet(name) {
  return SHEETS.includes(name.trim().toLowerCase());
}
function convertXlsForm(workbook, fileName) {
  const problems = new Problems(fileName);
  const find = (name) => workbook.sheets.find((s) => s.name.trim().toLowerCase() === name);
  const surveySheet = find("survey");
  const choicesSheet = find("choices");
  const settingsSheet = find("settings");
  const sheetOrder = [surveySheet, choicesSheet, settingsSheet].flatMap((s) => s ? [s.name] : []);
  const fail = () => ({ ok: false, problems: problems.sorted(sheetOrder) });
  const others = [
    ...workbook.sheets.filter((s) => !isFormSheet(s.name)).map((s) => s.name),
    ...(workbook.otherSheets ?? []).filter((n) => !isFormSheet(n))
  ];
  for (const name of others) problems.warn({ sheet: name }, otherSheetMessage(name));
  if (!surveySheet) {
    const all = [...workbook.sheets.map((s) => s.name), ...workbook.otherSheets ?? []];
    problems.error({}, `sheet 'survey' missing (the workbook has ${all.length ? all.map((n) => `'${n}'`).join(", ") : "no sheets"})`);
    return fail();
  }
  const survey = readTable(surveySheet, problems);
  const choices = choicesSheet ? readTable(choicesSheet, problems) : void 0;
  const settingsTable = settingsSheet ? readTable(settingsSheet, problems) : void 0;
  const settings = readSettings(settingsTable, problems);
  const langs = decideLanguages([survey, ...choices ? [choices] : [], ...settingsTable ? [settingsTable] : []], settings, problems);
  const lists = choices ? readChoices(choices, problems, langs.default, settings.allowChoiceDuplicates) : /* @__PURE__ */ new Map();
  const draft = readSurvey(survey, problems, langs.default);
  if (!draft.items.length && !problems.hasErrors) problems.error({ sheet: survey.sheet.name }, "the survey sheet has no questions");
  const columnOf = (d, key) => {
    const c = survey.columns.find((x2) => x2.key === key && !x2.language);
    return { sheet: survey.sheet.name, row: d.row, ...c ? { column: c.header } : {} };
  };
  for (const d of draft.items) {
    if (d.select && !lists.has(d.select.list)) {
      problems.error(
        d.select.where,
        choicesSheet ? `list '${d.select.list}' does not exist in sheet ${choicesSheet.name}` : `list '${d.select.list}' does not exist: the workbook has no choices sheet`
      );
    }
  }
  const likert = resolveLikert(draft.items, lists, draft.groups, problems, langs.default, (d, column) => columnOf(d, column));
  checkDefaults(draft.items, lists, problems);
  checkExpressions(draft, problems);
  checkTexts(draft, lists, choices, langs.default, problems);
  warnMissingTranslations(survey, langs.languages, langs.default, problems);
  if (choices) warnMissingTranslations(choices, langs.languages, langs.default, problems);
  const usedByItems = new Set(draft.items.flatMap((d) => d.item.choices ? [d.item.choices] : []));
  const choiceLists = {};
  for (const list2 of lists.values()) {
    if (usedByItems.has(list2.name)) choiceLists[list2.name] = list2.choices.map((c) => ({ name: c.name, label: c.label }));
    else if (!likert.likertLists.has(list2.name)) {
      problems.warn({ sheet: choices?.sheet.name ?? "choices", row: list2.row }, `list '${list2.name}' is not used by any question: left out`);
    }
  }
  for (const g of draft.groups) {
    if (g.depth > 0 && g.kind === "group" && Object.keys(g.label).length && !likert.labelledScales.has(g)) {
      const c = survey.columns.find((x2) => x2.key === "label");
      problems.warn(
        { sheet: survey.sheet.name, row: g.row, ...c ? { column: c.header } : {} },
        `the label of nested group '${g.name}' is not shown: Dala flattens a group inside a group into its section (its relevance is kept)`
      );
    }
  }
  const sections2 = buildSections(draft);
  if (problems.hasErrors) return fail();
  const instrument = {
    type: INSTRUMENT_TYPE,
    version: INSTRUMENT_VERSION,
    id: studyId(settings, fileName, settingsTable, problems),
    studyVersion: studyVersion(settings, settingsTable, problems),
    title: title(settings, fileName, langs.default),
    languages: langs.languages,
    ...Object.keys(langs.names).length ? { languageNames: langs.names } : {},
    choiceLists,
    likertScales: likert.likertScales,
    sections: sections2,
    scales: likert.scales,
    ...settings.recipients?.length ? { recipients: settings.recipients } : {}
  };
  const loaded = parseInstrument(instrument, fileName);
  if (!loaded.ok) {
    for (const p of loaded.problems) if (p.severity === "error") problems.error({}, `the converted instrument is not valid: ${p.message}`);
    return fail();
  }
  return { ok: true, instrument, warnings: problems.sorted(sheetOrder) };
}
function otherSheetMessage(name) {
  const lower = name.trim().toLowerCase();
  const features = {
    external_choices: "Dala does not support external selects",
    entities: "Dala does not support entities",
    osm: "Dala does not support OpenStreetMap questions"
  };
  if (features[lower]) return `sheet '${name}' is not read: ${features[lower]}`;
  const near = SHEETS.find((s) => editDistance(s, lower) <= 2);
  if (near) return `sheet '${name}' is not read: did you mean '${near}'?`;
  return `sheet '${name}' is not read by Dala`;
}
function editDistance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i2) => [i2, ...new Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i2 = 1; i2 <= a.length; i2++) {
    for (let j = 1; j <= b.length; j++) {
      d[i2][j] = Math.min(d[i2 - 1][j] + 1, d[i2][j - 1] + 1, d[i2 - 1][j - 1] + (a[i2 - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}
function decideLanguages(tables, settings, problems) {
  const textColumns2 = tables.flatMap((t) => t.columns.filter((c) => TRANSLATABLE.has(c.key)).map((c) => ({ table: t, column: c })));
  const untagged = textColumns2.some(({ column }) => !column.language);
  const tagged = [];
  const names = {};
  for (const { column } of textColumns2) {
    const lang = column.language;
    if (!lang) continue;
    if (!tagged.includes(lang.code)) tagged.push(lang.code);
    if (lang.name && names[lang.code] === void 0) names[lang.code] = lang.name;
  }
  let def;
  const fromSettings = settings.defaultLanguage;
  if (fromSettings) {
    def = fromSettings.code;
    if (!untagged && tagged.length && !tagged.includes(def)) {
      problems.warn(
        fromSettings.where,
        `default_language '${fromSettings.code}' has no text columns: '${tagged[0]}' is the default language`
      );
      def = tagged[0];
    } else if (fromSettings.name && names[def] === void 0) names[def] = fromSettings.name;
  } else if (untagged || tagged.includes("en") || !tagged.length) def = "en";
  else def = tagged[0];
  if (names[def] === void 0 && nativeName(def)) names[def] = nativeName(def);
  const languages = [def, ...tagged.filter((c) => c !== def)];
  for (const code of languages) {
    if (LANGUAGE_PATTERN.test(code) && code.length <= 35) continue;
    const at2 = textColumns2.find(({ column }) => (column.language?.code ?? def) === code);
    problems.error(
      at2 ? { sheet: at2.table.sheet.name, row: at2.table.headerRow, column: at2.column.header } : fromSettings?.where ?? {},
      `'${code}' is not a language code: write the column as label::Name (code), e.g. label::\u0420\u0443\u0441\u0441\u043A\u0438\u0439 (ru)`
    );
  }
  for (const code of Object.keys(names)) if (!languages.includes(code)) delete names[code];
  for (const t of tables) {
    for (const key of ["label", "hint", "constraint_message", "required_message", "form_title"]) {
      const plain = t.columns.find((c) => c.key === key && !c.language);
      const explicit = t.columns.find((c) => c.key === key && c.language?.code === def);
      if (!plain || !explicit) continue;
      const clash = t.rows.find((r) => cellText(r, plain) && cellText(r, explicit) && cellText(r, plain) !== cellText(r, explicit));
      if (clash) {
        problems.warn(
          { sheet: t.sheet.name, row: clash.row, column: plain.header },
          `columns '${plain.header}' and '${explicit.header}' both give '${def}' texts: '${explicit.header}' is used where both are filled`
        );
      }
    }
  }
  return { default: def, languages, names };
}
function warnMissingTranslations(table2, languages, def, problems) {
  if (languages.length < 2) return;
  const labels = table2.columns.filter((c) => c.key === "label");
  for (const lang of languages) {
    const cols = labels.filter((c) => (c.language?.code ?? def) === lang);
    const header = cols[0]?.header ?? `label::${lang}`;
    const rows = table2.rows.filter((r) => labels.some((c) => cellText(r, c)) && !cols.some((c) => cellText(r, c))).map((r) => r.row);
    if (rows.length) {
      problems.warn(
        { sheet: table2.sheet.name, row: rows[0], column: header },
        `no '${lang}' label on ${rows.length === 1 ? "1 row that has" : `${rows.length} rows that have`} a label in another language (${rowList(rows)})`
      );
    }
  }
}
function checkDefaults(items, lists, problems) {
  for (const d of items) {
    if (!d.defaultValue) continue;
    const { text: text2, where } = d.defaultValue;
    const { item: item2 } = d;
    const bad = (what) => problems.error(where, `default '${text2}' is not ${what}`);
    const listName = item2.choices ?? item2.likert;
    const names = new Set((listName ? lists.get(listName)?.choices ?? [] : []).map((c) => c.name));
    if (item2.other) names.add("other");
    switch (item2.type) {
      case "integer":
        if (!/^[-+]?[0-9]+$/.test(text2)) bad("a whole number");
        else item2.default = text2;
        break;
      case "decimal":
        if (!/^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(text2)) bad("a number");
        else item2.default = text2;
        break;
      case "date": {
        const ok = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text2) && (/* @__PURE__ */ new Date(`${text2}T00:00:00Z`)).toISOString().slice(0, 10) === text2;
        if (!ok) bad("a date (yyyy-mm-dd)");
        else item2.default = text2;
        break;
      }
      case "time": {
        const m = /^([01][0-9]|2[0-3]):([0-5][0-9])(:[0-5][0-9](\.[0-9]+)?)?$/.exec(text2);
        if (!m) bad("a time (HH:MM)");
        else item2.default = `${m[1]}:${m[2]}`;
        break;
      }
      case "select_one":
      case "likert":
        if (lists.has(listName ?? "") && !names.has(text2)) bad(`a choice of list '${listName}'`);
        else item2.default = text2;
        break;
      case "select_multiple": {
        const missing = text2.split(/\s+/).filter((n) => !names.has(n));
        if (lists.has(listName ?? "") && missing.length) bad(`a choice of list '${listName}' ('${missing[0]}' is not)`);
        else item2.default = text2.split(/\s+/).join(" ");
        break;
      }
      case "acknowledge":
        if (text2.toUpperCase() !== "OK") bad("'OK', the only value of an acknowledge");
        else item2.default = "OK";
        break;
      default:
        item2.default = text2;
    }
  }
}
function checkExpressions(draft, problems) {
  const items = new Set(draft.items.map((d) => d.item.name));
  const groups = new Set(draft.groups.map((g) => g.name));
  for (const e of draft.expressions) {
    const { issues, references: references2 } = checkExpression(e.source);
    if (e.kind === "choice_filter") {
      const shown = `every choice of list '${e.list ?? "?"}' is shown`;
      const first = issues[0];
      problems.warn(
        { ...e.where, ...first?.position !== void 0 ? { position: first.position } : {} },
        first ? `choice_filter is not applied (Dala's instrument has no field for it, and ${first.message}): ${shown}` : `choice_filter is not applied: Dala's instrument has no field for it, so ${shown}`
      );
      continue;
    }
    for (const issue of issues) {
      problems.error({ ...e.where, ...issue.position !== void 0 ? { position: issue.position } : {} }, issue.message);
    }
    for (const name of references2) {
      const position = e.source.indexOf("${" + name + "}");
      const where = { ...e.where, ...position >= 0 ? { position } : {} };
      if (name === e.self) {
        problems.error(where, `\${${name}} is this question itself: a ${e.kind === "relevant" ? "relevance" : "calculation"} cannot read its own answer`);
      } else {
        const message = unknownReference(name, items, groups, draft);
        if (message) problems.error(where, message);
      }
    }
  }
}
function unknownReference(name, items, groups, draft) {
  if (items.has(name) || draft.refused.has(name)) return void 0;
  const metadataRow = draft.metadata.get(name);
  if (metadataRow !== void 0) return `\${${name}} is metadata (row ${metadataRow}) that Dala does not record`;
  if (groups.has(name)) return `\${${name}} is a group, not a question`;
  return `\${${name}} is not a question in this form`;
}
function checkTexts(draft, lists, choices, def, problems) {
  const items = new Set(draft.items.map((d) => d.item.name));
  const groups = new Set(draft.groups.map((g) => g.name));
  const check2 = (text2, where) => {
    for (const ref of textReferences(text2)) {
      const message = unknownReference(ref.name, items, groups, draft);
      if (message) problems.error({ ...where, position: ref.position }, message);
    }
  };
  for (const t of draft.texts) check2(t.text, t.where);
  if (!choices) return;
  const labelColumn = (lang) => choices.columns.find((c) => c.key === "label" && (c.language?.code ?? def) === lang);
  for (const list2 of lists.values()) {
    for (const c of list2.choices) {
      for (const [lang, text2] of Object.entries(c.label)) {
        if (!text2.includes("${")) continue;
        const column = labelColumn(lang);
        check2(text2, { sheet: choices.sheet.name, row: c.row, ...column ? { column: column.header } : {} });
      }
    }
  }
}
function buildSections(draft) {
  const kept = draft.sections.filter((s) => s.items.length > 0);
  const taken = new Set(kept.flatMap((s) => s.group ? [s.group.name] : []));
  return kept.map((s, i2) => {
    let name;
    if (s.group) name = s.group.name;
    else {
      name = `section_${i2 + 1}`;
      for (let k = 2; taken.has(name); k++) name = `section_${i2 + 1}_${k}`;
      taken.add(name);
    }
    const g = s.group;
    return {
      name,
      label: g?.label ?? {},
      ...g?.hint ? { hint: g.hint } : {},
      ...g?.relevant ? { relevant: g.relevant } : {},
      items: s.items.map((d) => canonicalItem(d.item))
    };
  });
}
var ITEM_KEYS = [
  "name",
  "type",
  "label",
  "hint",
  "required",
  "requiredMessage",
  "relevant",
  "constraint",
  "constraintMessage",
  "choices",
  "other",
  "likert",
  "calculation",
  "default",
  "readOnly",
  "appearance"
];
function canonicalItem(item2) {
  const out = {};
  for (const key of ITEM_KEYS) if (item2[key] !== void 0) out[key] = item2[key];
  return out;
}
function fileBase(fileName) {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.[A-Za-z0-9]+$/, "");
}
function studyId(settings, fileName, table2, problems) {
  const raw = settings.formId ?? fileBase(fileName);
  let id = raw.replace(/[^A-Za-z0-9_.-]+/g, "_").replace(/^[.-]/, "_").slice(0, 64);
  if (!id) id = "form";
  const column = settings.columns.get("form_id");
  const where = table2 ? { sheet: table2.sheet.name, ...settings.row ? { row: settings.row } : {}, ...column ? { column: column.header } : {} } : {};
  if (!settings.formId) {
    problems.warn(where, `no form_id in the settings sheet: the study id '${id}' is taken from the file name`);
  } else if (id !== raw) {
    problems.warn(where, `form_id '${raw}' is not a valid study id (letters, digits, _ . -; at most 64): '${id}' is used`);
  }
  return id;
}
function studyVersion(settings, table2, problems) {
  if (settings.version) return settings.version;
  problems.warn(table2 ? { sheet: table2.sheet.name } : {}, "no version in the settings sheet: '1' is used");
  return "1";
}
function title(settings, fileName, def) {
  const out = {};
  for (const t of settings.titles) {
    const lang = t.language?.code ?? def;
    if (out[lang] === void 0 || t.language) out[lang] = t.text;
  }
  if (Object.keys(out).length) return out;
  return { [def]: settings.formId ?? fileBase(fileName) };
}

// test/fixtures/xlsform/generate.ts
var MTIME = /* @__PURE__ */ new Date("2024-01-01T00:00:00Z");
function escapeXml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
function columnName(index) {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + (n - 1) % 26) + s;
  return s;
}
function makeXlsx(sheets, options = {}) {
  const shared = [];
  const sharedIndex = /* @__PURE__ */ new Map();
  const stringCell = (ref, value) => {
    if (options.sharedStrings) {
      let i2 = sharedIndex.get(value);
      if (i2 === void 0) {
        i2 = shared.length;
        shared.push(value);
        sharedIndex.set(value, i2);
      }
      return `<c r="${ref}" t="s"><v>${i2}</v></c>`;
    }
    return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
  };
  const worksheets = sheets.map((sheet) => {
    if (sheet.xml !== void 0) return sheet.xml;
    const rows = sheet.rows.map((cells, r) => {
      const xml = cells.map((v, c) => {
        const ref = `${columnName(c)}${r + 1}`;
        if (v === null || v === void 0 || v === "") return "";
        if (typeof v === "number") return `<c r="${ref}"><v>${v}</v></c>`;
        if (typeof v === "boolean") return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
        return stringCell(ref, v);
      }).join("");
      return xml ? `<row r="${r + 1}">${xml}</row>` : "";
    }).join("");
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
  });
  const files = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' + (options.sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : "") + sheets.map(
      (_, i2) => `<Override PartName="/xl/worksheets/sheet${i2 + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
    ).join("") + "</Types>",
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' + sheets.map((s, i2) => `<sheet name="${escapeXml(s.name)}" sheetId="${i2 + 1}" r:id="rId${i2 + 1}"/>`).join("") + "</sheets></workbook>",
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + sheets.map(
      (_, i2) => `<Relationship Id="rId${i2 + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i2 + 1}.xml"/>`
    ).join("") + `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` + (options.sharedStrings ? `<Relationship Id="rId${sheets.length + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` : "") + "</Relationships>",
    "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>'
  };
  worksheets.forEach((xml, i2) => {
    files[`xl/worksheets/sheet${i2 + 1}.xml`] = xml;
  });
  if (options.sharedStrings) {
    files["xl/sharedStrings.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">` + shared.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join("") + "</sst>";
  }
  Object.assign(files, options.extraEntries ?? {});
  const zippable = {};
  for (const [path, text2] of Object.entries(files)) zippable[path] = [strToU8(text2), { mtime: MTIME, level: 6 }];
  return zipSync(zippable);
}
function makeXlsForm(form, options = {}) {
  const sheets = [{ name: "survey", rows: form.survey }];
  if (form.choices) sheets.push({ name: "choices", rows: form.choices });
  if (form.settings) sheets.push({ name: "settings", rows: form.settings });
  return makeXlsx(sheets, options);
}
function makeLargeXlsForm(n, options = {}) {
  const survey = [
    ["type", "name", "label::English (en)", "label::\u0420\u0443\u0441\u0441\u043A\u0438\u0439 (ru)", "hint::English (en)", "required", "relevant", "constraint", "appearance", "scale", "reverse"]
  ];
  let q = 0;
  for (let block = 0; q < n; block++) {
    const likert = block % 2 === 0;
    survey.push(["begin group", `block${block}`, `Block ${block}`, `\u0411\u043B\u043E\u043A ${block}`, "", "", "", "", likert ? "table-list" : "field-list"]);
    for (let i2 = 0; i2 < 10 && q < n; i2++, q++) {
      const name = `q${q}`;
      const en = `Question ${q}: how would you answer this?`;
      const ru = `\u0412\u043E\u043F\u0440\u043E\u0441 ${q}: \u043A\u0430\u043A \u0431\u044B \u0432\u044B \u043E\u0442\u0432\u0435\u0442\u0438\u043B\u0438?`;
      if (likert) {
        survey.push(["select_one agree5", name, en, ru, "", "yes", "", "", "", `scale${block % 6}`, i2 % 4 === 3 ? "yes" : ""]);
        continue;
      }
      switch (i2 % 5) {
        case 0:
          survey.push(["text", name, en, ru, "A few words", "", "", "string-length(.) < 200"]);
          break;
        case 1:
          survey.push(["integer", name, en, ru, "In years", "yes", "", ". >= 0 and . <= 120"]);
          break;
        case 2:
          survey.push(["select_one yesno", name, en, ru, "", "", `\${q${q - 1}} > 17`]);
          break;
        case 3:
          survey.push(["select_multiple colors", name, en, ru, "", "", `\${q${q - 1}} = 'yes'`, "count-selected(.) <= 2"]);
          break;
        default:
          survey.push(["date", name, en, ru]);
      }
    }
    survey.push(["end group"]);
  }
  const choices = [
    ["list_name", "name", "label::English (en)", "label::\u0420\u0443\u0441\u0441\u043A\u0438\u0439 (ru)"],
    ["agree5", "1", "Strongly disagree", "\u0421\u043E\u0432\u0435\u0440\u0448\u0435\u043D\u043D\u043E \u043D\u0435 \u0441\u043E\u0433\u043B\u0430\u0441\u0435\u043D"],
    ["agree5", "2", "Disagree", "\u041D\u0435 \u0441\u043E\u0433\u043B\u0430\u0441\u0435\u043D"],
    ["agree5", "3", "Neutral", "\u041D\u0435\u0439\u0442\u0440\u0430\u043B\u044C\u043D\u043E"],
    ["agree5", "4", "Agree", "\u0421\u043E\u0433\u043B\u0430\u0441\u0435\u043D"],
    ["agree5", "5", "Strongly agree", "\u041F\u043E\u043B\u043D\u043E\u0441\u0442\u044C\u044E \u0441\u043E\u0433\u043B\u0430\u0441\u0435\u043D"],
    ["agree5", "dk", "Don't know", "\u0417\u0430\u0442\u0440\u0443\u0434\u043D\u044F\u044E\u0441\u044C \u043E\u0442\u0432\u0435\u0442\u0438\u0442\u044C"],
    ["yesno", "yes", "Yes", "\u0414\u0430"],
    ["yesno", "no", "No", "\u041D\u0435\u0442"],
    ["colors", "red", "Red", "\u041A\u0440\u0430\u0441\u043D\u044B\u0439"],
    ["colors", "green", "Green", "\u0417\u0435\u043B\u0451\u043D\u044B\u0439"],
    ["colors", "blue", "Blue", "\u0421\u0438\u043D\u0438\u0439"]
  ];
  const settings = [
    ["form_title", "form_id", "version", "default_language"],
    [`Large form of ${n} questions`, `large_${n}`, "1", "English (en)"]
  ];
  return makeXlsForm({ survey, choices, settings }, options);
}

// .scratch-xlsform/bench4.ts
var bytes = makeLargeXlsForm(500);
for (let k = 0; k < 4; k++) {
  let t = performance.now();
  const wb = readXlsx(bytes, "x.xlsx", { wanted: isFormSheet });
  const a = performance.now() - t;
  t = performance.now();
  const r = convertXlsForm(wb, "x.xlsx");
  const b = performance.now() - t;
  console.log("read", a.toFixed(1), "convert", b.toFixed(1), "total", (a + b).toFixed(1), r.ok);
}
