from django.urls import path

from xiezuo.labour import views

app_name = "labour"
urlpatterns = [
    path("", views.seeker_list, name="seeker_list"),
    path("seekers/<int:person_id>/", views.seeker_detail, name="seeker_detail"),
    path("seekers/<int:person_id>/refer/", views.placement_refer, name="placement_refer"),
    path("employers/", views.employer_list, name="employer_list"),
    path("employers/new/", views.employer_create, name="employer_create"),
    path("employers/<int:pk>/", views.employer_detail, name="employer_detail"),
    path("openings/", views.opening_list, name="opening_list"),
    path("openings/new/", views.opening_create, name="opening_create"),
    path("openings/<int:pk>/status/", views.opening_status, name="opening_status"),
    path("workstations/", views.workstation_list, name="workstation_list"),
    path("cases/new/", views.case_create, name="case_create"),
    path("cases/<int:pk>/close/", views.case_close, name="case_close"),
    path("fairs/", views.job_fair_list, name="job_fair_list"),
    path("fairs/new/", views.job_fair_create, name="job_fair_create"),
    path("recruitment/", views.recruitment_list, name="recruitment_list"),
    path("recruitment/new/", views.recruitment_create, name="recruitment_create"),
    path("placements/", views.placement_list, name="placement_list"),
    path("placements/<int:pk>/", views.placement_detail, name="placement_detail"),
    path("placements/<int:pk>/<str:action>/", views.placement_action, name="placement_action"),
    path("follow-ups/", views.follow_up_list, name="follow_up_list"),
    path("follow-ups/<int:pk>/", views.follow_up_record, name="follow_up_record"),
    path("match/", views.run_list, name="run_list"),
    path("match/run/", views.run_start, name="run_start"),
    path("match/<int:pk>/", views.run_detail, name="run_detail"),
    path("proposals/<int:pk>/<str:decision>/", views.proposal_decide, name="proposal_decide"),
    path("graduates/", views.graduate_list, name="graduate_list"),
    path("graduates/new/", views.graduate_create, name="graduate_create"),
    path("interns/", views.internship_list, name="internship_list"),
    path("interns/new/", views.intern_create, name="intern_create"),
    path("figures/", views.figures, name="figures"),
]
