s = "abc" "def"
print(s)
print("one " 'two ' """three""")
t = ("first line, "
     "second line")
print(t)
