# Bad arguments to eval/exec/vars/globals give CPython's TypeErrors.
for src in ["eval(1)", "exec(1)", "eval('1', 1)", "exec('1', 1)", "eval('1', {}, 1)",
            "exec('1', {}, 1)", "vars(1)", "eval()", "eval('1', {}, {}, {})", "globals(1)",
            "dir(1, 2)"]:
    try:
        exec(src)
    except TypeError as e:
        print(src, "->", e)
