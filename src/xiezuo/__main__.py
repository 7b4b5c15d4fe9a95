from xiezuo.cli import main

main()
