# Complex literals in match patterns (real part, then imaginary part), lone imaginary literals, and
# CPython's errors for sums that are not complex literals.
for subject in [2 + 3j, -1.5 - 2j, 3j, -3j, 1, 0j]:
    match subject:
        case 2 + 3j:
            print("2+3j")
        case -1.5 - 2j:
            print("-1.5-2j")
        case 3j:
            print("3j")
        case -3j:
            print("-3j")
        case 0:
            print("zero", subject)
        case _:
            print("other", subject)

for case in ["2 + 3", "2j + 3j", "-2j - 1j", "1 + x"]:
    try:
        compile("match 1:\n    case " + case + ": pass\n", "<m>", "exec")
    except SyntaxError as e:
        print(repr(case), e.msg, e.offset, e.end_offset)
