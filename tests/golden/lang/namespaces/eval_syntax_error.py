# A syntax error in eval's string is a SyntaxError at the call.
try:
    eval("1 +")
except SyntaxError as e:
    print("caught:", e.msg)
eval("(1, 2")
