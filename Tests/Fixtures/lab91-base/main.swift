import Lab91Base

print(greeting(for: "netlab"))
