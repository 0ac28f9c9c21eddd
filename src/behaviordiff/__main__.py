from behaviordiff.cli.app import main

main()
