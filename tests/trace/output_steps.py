# trace-max-steps: 12
# expect-last-event: step_limit_reached
# The program's output stays complete after the step limit.
for i in range(30):
    print("line", i)
print("done")
