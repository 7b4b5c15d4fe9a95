"""A builder the tests share (tests/conftest.py's `employer_org` fixture, labour's fixtures):
an organisation of the register with the employer role, written directly (a test's fixed credit
code need not be a valid one), as labour's employers are now. Not used by the application."""


def employer_org(*, name: str, credit_code: str, area, **fields):
    from xiezuo.orgs.models import Organisation, OrganisationRole

    org = Organisation.objects.create(name=name, credit_code=credit_code, area=area,
                                      side=area.side, **fields)
    OrganisationRole.objects.create(organisation=org, role="employer")
    return org
