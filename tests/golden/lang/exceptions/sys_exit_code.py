import sys
print("before")
try:
    sys.exit(2)
except SystemExit as e:
    print("code", e.code)
sys.exit(3)
