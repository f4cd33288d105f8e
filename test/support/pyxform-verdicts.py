"""pyxform's verdict on each form: python3 pyxform-verdicts.py PYXFORM_DIR FORM... -> JSON on stdout.

The oracle of test/core/xlsform/corpus.test.ts: pyxform (../shared/pyxform, read in place) is what
ODK Central and KoboToolbox use to read an XLSForm. One process converts every form, so pyxform is
imported once; ODK Validate (Java) is not run, as in ../shared/pyxform/xls2xform. Output goes to a
temporary folder that is removed afterwards.
"""
import contextlib, io, json, os, sys, tempfile, warnings

sys.path.insert(0, sys.argv[1])
from pyxform.xls2xform import xls2xform_convert  # noqa: E402

verdicts = {}
with tempfile.TemporaryDirectory() as out:
    for path in sys.argv[2:]:
        name = os.path.basename(path)
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), warnings.catch_warnings():
                warnings.simplefilter('ignore')
                xls2xform_convert(xlsform_path=path, xform_path=os.path.join(out, name + '.xml'), validate=False, pretty_print=False)
            verdicts[name] = {'ok': True}
        except Exception as e:  # pyxform's refusals are exceptions of several kinds
            text = str(e).strip()
            verdicts[name] = {'ok': False, 'error': text.splitlines()[0][:300] if text else type(e).__name__}
print(json.dumps(verdicts))
