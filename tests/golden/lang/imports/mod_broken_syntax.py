ok = True
if ok
    print("never")
