# unittest's TestLoader.discover over a folder of test modules the program wrote (a package, a module that
# fails to import, a helper that does not match the pattern).
import io
import os
import unittest

os.makedirs(os.path.join('tests', 'pkg'))
files = {
    'test_one.py': 'import unittest\n\nclass One(unittest.TestCase):\n    def test_a(self):\n'
                   '        self.assertEqual(1 + 1, 2)\n\n    def test_b(self):\n'
                   "        self.assertTrue(False, 'b fails')\n",
    'test_two.py': 'import unittest\n\nclass Two(unittest.TestCase):\n    def test_c(self):\n        pass\n',
    'helper.py': "raise RuntimeError('never imported')\n",
    'test_broken.py': 'import no_such_module_here\n',
    os.path.join('pkg', '__init__.py'): '',
    os.path.join('pkg', 'test_three.py'): 'import unittest\n\nclass Three(unittest.TestCase):\n'
                                          '    def test_d(self):\n        pass\n',
}
for name, text in files.items():
    with open(os.path.join('tests', name), 'w') as f:
        f.write(text)

loader = unittest.TestLoader()
suite = loader.discover('tests')
print(suite.countTestCases())
ids = []


def walk(s):
    for t in s:
        if isinstance(t, unittest.TestSuite):
            walk(t)
        else:
            ids.append(t.id())


walk(suite)
print(ids)
print(len(loader.errors), loader.errors[0].splitlines()[-1])
buf = io.StringIO()
result = unittest.TextTestRunner(stream=buf, verbosity=0).run(suite)
print(result.testsRun, len(result.failures), len(result.errors))
print('no_such_module_here' in result.errors[0][1])
print(unittest.TestLoader().discover('tests', pattern='test_t*.py').countTestCases())
try:
    loader.discover('nowhere_dir')
except ImportError as e:
    print('ImportError', e)
