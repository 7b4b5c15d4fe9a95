from django.urls import path

from xiezuo.pairing import views

app_name = "pairing"
urlpatterns = [
    path("", views.coverage, name="coverage"),
    path("towns/", views.town_list, name="town_list"),
    path("towns/new/", views.town_create, name="town_create"),
    path("towns/<int:pk>/", views.town_detail, name="town_detail"),
    path("towns/<int:pk>/edit/", views.town_edit, name="town_edit"),
    path("enterprises/", views.enterprise_list, name="enterprise_list"),
    path("enterprises/new/", views.enterprise_create, name="enterprise_create"),
    path("enterprises/<int:pk>/", views.enterprise_detail, name="enterprise_detail"),
    path("enterprises/<int:pk>/edit/", views.enterprise_edit, name="enterprise_edit"),
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("donations/", views.donation_list, name="donation_list"),
    path("donations/new/", views.donation_create, name="donation_create"),
    path("donations/import/", views.import_upload, name="import_upload"),
    path("donations/import/template.xlsx", views.import_template, name="import_template"),
    path("donations/import/<uuid:job_id>/", views.import_result, name="import_result"),
    path("donations/import/<uuid:job_id>/confirm/", views.import_confirm,
         name="import_confirm"),
    path("donations/import/<uuid:job_id>/report/", views.import_report, name="import_report"),
    path("donations/<int:pk>/", views.donation_detail, name="donation_detail"),
    path("donations/<int:pk>/edit/", views.donation_edit, name="donation_edit"),
    path("donations/<int:pk>/funds/", views.donation_link, name="donation_link"),
    path("social-orgs/", views.volunteer_org_list, name="volunteer_org_list"),
    path("volunteers/", views.volunteer_list, name="volunteer_list"),
    path("volunteers/new/", views.volunteer_create, name="volunteer_create"),
    path("volunteers/<int:pk>/edit/", views.volunteer_edit, name="volunteer_edit"),
    path("services/", views.service_list, name="service_list"),
    path("services/new/", views.service_create, name="service_create"),
    path("services/<int:pk>/edit/", views.service_edit, name="service_edit"),
    path("figures/", views.figures, name="figures"),
]
