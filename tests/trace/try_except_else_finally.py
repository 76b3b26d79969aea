# try/except/else/finally: else runs only when nothing was raised, finally runs every time.
def run(x):
    log = []
    try:
        value = 10 // x
    except ZeroDivisionError:
        log.append("except")
        value = None
    else:
        log.append("else")
    finally:
        log.append("finally")
    return value, log


print(run(2))
print(run(0))
