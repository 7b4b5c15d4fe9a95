"""The household card (户卡) carries the 打印 button, handled by the static print script."""



def test_household_card_has_a_print_button(client, users, areas, two_households):
    households = two_households(areas)
    client.force_login(users["township_clerk"])
    html = client.get(f"/registry/households/{households['taoyang'].pk}/").content.decode()
    assert 'data-print' in html and "打印" in html
    assert "/static/xiezuo/print.js" in html
