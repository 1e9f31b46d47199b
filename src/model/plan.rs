//! Every formula of docs/model.md, in its order: required path, funded path,
//! plan versus goal, timeline, levers and budget-cut impact.

use super::plan_year::PlanYearInputs;
use super::{ChannelPart, Field, Metric, PlanYear, Scenario, Undefined};

/// What one channel buys (docs/model.md, "Funded path").
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChannelResult {
    pub channel_budget: Metric,
    pub channel_leads: Metric,
    pub channel_mqls: Metric,
    pub channel_sqls: Metric,
    pub channel_opportunities: Metric,
    pub channel_wins: Metric,
    pub channel_revenue: Metric,
    pub channel_roi: Metric,
}

/// What each lever alone would have to become to close the gap.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Levers {
    pub lever_spend_share: Metric,
    pub lever_win_rate: Metric,
    pub lever_sql_to_opp: Metric,
    pub lever_mql_to_sql: Metric,
    pub lever_lead_quality_factor: Metric,
    pub lever_deal_size: Metric,
    pub lever_cost_per_lead_factor: Metric,
}

impl Levers {
    /// `(metric id, value)` in the order the page lists them.
    pub fn entries(&self) -> [(&'static str, Metric); 7] {
        [
            ("lever_spend_share", self.lever_spend_share),
            ("lever_win_rate", self.lever_win_rate),
            ("lever_sql_to_opp", self.lever_sql_to_opp),
            ("lever_mql_to_sql", self.lever_mql_to_sql),
            ("lever_lead_quality_factor", self.lever_lead_quality_factor),
            ("lever_deal_size", self.lever_deal_size),
            (
                "lever_cost_per_lead_factor",
                self.lever_cost_per_lead_factor,
            ),
        ]
    }
}

/// What a budget cut costs the business.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BudgetCut {
    pub budget_saved: Metric,
    pub lost_wins: Metric,
    pub lost_revenue: Metric,
    pub lost_in_year_revenue: Metric,
    pub lost_next_year_revenue: Metric,
    pub lost_gross_profit: Metric,
    /// The plan year's attainment if the cut happens: its lost in-year
    /// revenue off the in-year revenue.
    pub in_year_attainment_after_cut: Metric,
}

/// Every output of the planner for one scenario. Field names are the
/// `data-metric` ids of docs/model.md.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    // Required path.
    pub new_revenue: Metric,
    pub required_wins: Metric,
    pub marketing_wins: Metric,
    pub sales_sourced_wins: Metric,
    pub required_opportunities: Metric,
    pub required_sqls: Metric,
    pub required_mqls: Metric,
    pub required_leads: Metric,
    pub blended_lead_to_mql: Metric,
    // Funded path.
    pub budget: Metric,
    pub channels: Vec<ChannelResult>,
    pub spend: Metric,
    pub unallocated_budget: Metric,
    pub funded_leads: Metric,
    pub funded_mqls: Metric,
    pub funded_sqls: Metric,
    pub funded_opportunities: Metric,
    pub projected_wins: Metric,
    pub projected_marketing_revenue: Metric,
    // Plan versus goal.
    pub coverage: Metric,
    pub cac: Metric,
    pub required_budget: Metric,
    pub required_spend_share: Metric,
    pub budget_gap: Metric,
    pub leads_gap: Metric,
    pub blended_cpl: Metric,
    pub cost_per_mql: Metric,
    pub projected_revenue: Metric,
    pub attainment: Metric,
    pub roi: Metric,
    pub lifetime_roi: Metric,
    pub revenue_per_marketing_dollar: Metric,
    pub ltv_to_cac: Metric,
    pub payback_months: Metric,
    // Timeline.
    pub in_year_marketing_revenue: Metric,
    pub next_year_marketing_revenue: Metric,
    /// The plan year against the goal: in-year revenue and attainment.
    pub plan_year: PlanYear,
    /// Levers, present only when coverage is defined and below 1.
    pub levers: Option<Levers>,
    pub budget_cut: BudgetCut,
}

impl Plan {
    /// Derives every metric of docs/model.md from `s`. Never panics and never
    /// yields a non-finite number.
    pub fn compute(s: &Scenario) -> Plan {
        let goal = s.input(Field::RevenueGoal);
        let recurring = s.input(Field::RecurringRevenue);
        let deal_size = s.input(Field::DealSize);
        let spend_pct = s.input(Field::SpendPct);
        let marketing_sourced = s.input(Field::MarketingSourcedPct);
        let lead_to_mql = s.input(Field::LeadToMqlPct);
        let mql_to_sql = s.input(Field::MqlToSqlPct);
        let sql_to_opp = s.input(Field::SqlToOppPct);
        let win_rate = s.input(Field::WinRatePct);
        let sales_cycle = s.input(Field::SalesCycleMonths);
        let gross_margin = s.input(Field::GrossMarginPct);
        let lifetime_value = s.input(Field::LifetimeValue);

        // Required path.
        let new_revenue = (goal - recurring).max(0.0);
        let required_wins = new_revenue / deal_size;
        let marketing_wins = required_wins * marketing_sourced;
        let sales_sourced_wins = required_wins - marketing_wins;
        let required_opportunities = marketing_wins / win_rate;
        let required_sqls = required_opportunities / sql_to_opp;
        let required_mqls = required_sqls / mql_to_sql;

        // Funded path.
        let budget = goal * spend_pct;
        let mix_error = s
            .error(Field::Channels)
            .map(|_| Metric::undefined(Undefined::Invalid(Field::Channels)));
        let channels: Vec<ChannelResult> = (0..s.channels.len())
            .map(|i| {
                let share =
                    mix_error.unwrap_or_else(|| s.input(Field::Channel(i, ChannelPart::Share)));
                let cost_per_lead = s.input(Field::Channel(i, ChannelPart::CostPerLead));
                let channel_lead_to_mql = s.input(Field::Channel(i, ChannelPart::LeadToMql));
                let channel_budget = budget * share;
                let channel_leads = channel_budget / cost_per_lead;
                let channel_mqls = channel_leads * channel_lead_to_mql;
                let channel_sqls = channel_mqls * mql_to_sql;
                let channel_opportunities = channel_sqls * sql_to_opp;
                let channel_wins = channel_opportunities * win_rate;
                let channel_revenue = channel_wins * deal_size;
                let channel_roi = (channel_revenue * gross_margin - channel_budget)
                    .per(channel_budget, Undefined::NoChannelBudget);
                ChannelResult {
                    channel_budget,
                    channel_leads,
                    channel_mqls,
                    channel_sqls,
                    channel_opportunities,
                    channel_wins,
                    channel_revenue,
                    channel_roi,
                }
            })
            .collect();
        // An invalid mix (including no channels at all) funds nothing knowable.
        let total = |part: fn(&ChannelResult) -> Metric| {
            mix_error.unwrap_or_else(|| Metric::sum(channels.iter().map(part)))
        };
        let spend = total(|c| c.channel_budget);
        let unallocated_budget = budget - spend;
        let funded_leads = total(|c| c.channel_leads);
        let funded_mqls = total(|c| c.channel_mqls);
        let funded_sqls = total(|c| c.channel_sqls);
        let funded_opportunities = total(|c| c.channel_opportunities);
        let projected_wins = total(|c| c.channel_wins);
        let projected_marketing_revenue = total(|c| c.channel_revenue);

        // The mix's average lead quality; the scenario's rate when nothing is allocated.
        let blended_lead_to_mql = match spend.0 {
            Ok(0.0) => lead_to_mql,
            _ => funded_mqls.per(funded_leads, Undefined::NoFundedLeads),
        };
        let required_leads = required_mqls / blended_lead_to_mql;

        // Plan versus goal.
        let coverage = projected_wins.per(marketing_wins, Undefined::NoMarketingWins);
        let cac = spend.per(projected_wins, Undefined::NoFundedWins);
        let required_budget = marketing_wins * cac;
        let required_spend_share = required_budget / goal;
        let budget_gap = required_budget - spend;
        let leads_gap = required_leads - funded_leads;
        let blended_cpl = spend.per(funded_leads, Undefined::NoFundedLeads);
        let cost_per_mql = spend.per(funded_mqls, Undefined::NoFundedLeads);
        let projected_revenue =
            recurring + sales_sourced_wins * deal_size + projected_marketing_revenue;
        let attainment = projected_revenue / goal;
        let roi =
            (projected_marketing_revenue * gross_margin - spend).per(spend, Undefined::NoSpend);
        let lifetime_roi = (projected_wins * lifetime_value - spend).per(spend, Undefined::NoSpend);
        let revenue_per_marketing_dollar =
            projected_marketing_revenue.per(spend, Undefined::NoSpend);
        let ltv_to_cac = lifetime_value.per(cac, Undefined::NoFundedWins);
        let payback_months = cac / (deal_size * gross_margin / 12.0);

        // Timeline: leads of month m close in month m + L.
        let in_year_marketing_revenue =
            projected_marketing_revenue * sales_cycle.map(|l| (12.0 - l).max(0.0)) / 12.0;
        let next_year_marketing_revenue = projected_marketing_revenue - in_year_marketing_revenue;
        let plan_year = PlanYear::compute(PlanYearInputs {
            goal,
            recurring,
            sales_sourced_revenue: sales_sourced_wins * deal_size,
            in_year_marketing_revenue,
            projected_marketing_revenue,
            pipeline: s.input(Field::PipelineRevenue),
            sales_cycle,
        });

        let levers = match coverage.0 {
            Ok(c) if c < 1.0 => Some(levers(
                s,
                c,
                required_spend_share,
                win_rate,
                sql_to_opp,
                mql_to_sql,
                deal_size,
            )),
            _ => None,
        };

        // Budget-cut impact.
        let cut = s.input(Field::CutPct);
        let cut_from = s.input(Field::CutFromMonth);
        let months_cut = cut_from.map(|from| 13.0 - from);
        let budget_saved = spend * cut * months_cut / 12.0;
        let lost_wins = projected_wins * cut * months_cut / 12.0;
        let lost_revenue = lost_wins * deal_size;
        let in_year_months =
            (cut_from + sales_cycle).map(|from_plus_l| (13.0 - from_plus_l).max(0.0));
        let lost_in_year_revenue = projected_marketing_revenue * cut * in_year_months / 12.0;
        let lost_next_year_revenue = lost_revenue - lost_in_year_revenue;
        let lost_gross_profit = lost_revenue * gross_margin;
        let in_year_attainment_after_cut =
            (plan_year.in_year_revenue - lost_in_year_revenue) / goal;

        Plan {
            new_revenue,
            required_wins,
            marketing_wins,
            sales_sourced_wins,
            required_opportunities,
            required_sqls,
            required_mqls,
            required_leads,
            blended_lead_to_mql,
            budget,
            channels,
            spend,
            unallocated_budget,
            funded_leads,
            funded_mqls,
            funded_sqls,
            funded_opportunities,
            projected_wins,
            projected_marketing_revenue,
            coverage,
            cac,
            required_budget,
            required_spend_share,
            budget_gap,
            leads_gap,
            blended_cpl,
            cost_per_mql,
            projected_revenue,
            attainment,
            roi,
            lifetime_roi,
            revenue_per_marketing_dollar,
            ltv_to_cac,
            payback_months,
            in_year_marketing_revenue,
            next_year_marketing_revenue,
            plan_year,
            levers,
            budget_cut: BudgetCut {
                budget_saved,
                lost_wins,
                lost_revenue,
                lost_in_year_revenue,
                lost_next_year_revenue,
                lost_gross_profit,
                in_year_attainment_after_cut,
            },
        }
    }
}

impl Plan {
    /// Every metric with its `data-metric` id: the scalars, each channel's
    /// (as `channel_leads[2]`), the levers when shown, and the budget cut.
    pub fn metrics(&self) -> Vec<(String, Metric)> {
        let mut all: Vec<(String, Metric)> = [
            ("new_revenue", self.new_revenue),
            ("required_wins", self.required_wins),
            ("marketing_wins", self.marketing_wins),
            ("sales_sourced_wins", self.sales_sourced_wins),
            ("required_opportunities", self.required_opportunities),
            ("required_sqls", self.required_sqls),
            ("required_mqls", self.required_mqls),
            ("required_leads", self.required_leads),
            ("blended_lead_to_mql", self.blended_lead_to_mql),
            ("budget", self.budget),
            ("spend", self.spend),
            ("unallocated_budget", self.unallocated_budget),
            ("funded_leads", self.funded_leads),
            ("funded_mqls", self.funded_mqls),
            ("funded_sqls", self.funded_sqls),
            ("funded_opportunities", self.funded_opportunities),
            ("projected_wins", self.projected_wins),
            (
                "projected_marketing_revenue",
                self.projected_marketing_revenue,
            ),
            ("coverage", self.coverage),
            ("cac", self.cac),
            ("required_budget", self.required_budget),
            ("required_spend_share", self.required_spend_share),
            ("budget_gap", self.budget_gap),
            ("leads_gap", self.leads_gap),
            ("blended_cpl", self.blended_cpl),
            ("cost_per_mql", self.cost_per_mql),
            ("projected_revenue", self.projected_revenue),
            ("attainment", self.attainment),
            ("roi", self.roi),
            ("lifetime_roi", self.lifetime_roi),
            (
                "revenue_per_marketing_dollar",
                self.revenue_per_marketing_dollar,
            ),
            ("ltv_to_cac", self.ltv_to_cac),
            ("payback_months", self.payback_months),
            ("in_year_marketing_revenue", self.in_year_marketing_revenue),
            (
                "next_year_marketing_revenue",
                self.next_year_marketing_revenue,
            ),
            ("in_year_revenue", self.plan_year.in_year_revenue),
            ("in_year_attainment", self.plan_year.in_year_attainment),
            ("in_year_shortfall", self.plan_year.in_year_shortfall),
            ("earlier_lead_months", self.plan_year.earlier_lead_months),
            ("budget_saved", self.budget_cut.budget_saved),
            ("lost_wins", self.budget_cut.lost_wins),
            ("lost_revenue", self.budget_cut.lost_revenue),
            ("lost_in_year_revenue", self.budget_cut.lost_in_year_revenue),
            (
                "lost_next_year_revenue",
                self.budget_cut.lost_next_year_revenue,
            ),
            ("lost_gross_profit", self.budget_cut.lost_gross_profit),
            (
                "in_year_attainment_after_cut",
                self.budget_cut.in_year_attainment_after_cut,
            ),
        ]
        .into_iter()
        .map(|(n, m)| (n.to_string(), m))
        .collect();
        for (i, c) in self.channels.iter().enumerate() {
            for (n, m) in [
                ("channel_budget", c.channel_budget),
                ("channel_leads", c.channel_leads),
                ("channel_mqls", c.channel_mqls),
                ("channel_sqls", c.channel_sqls),
                ("channel_opportunities", c.channel_opportunities),
                ("channel_wins", c.channel_wins),
                ("channel_revenue", c.channel_revenue),
                ("channel_roi", c.channel_roi),
            ] {
                all.push((format!("{n}[{i}]"), m));
            }
        }
        if let Some(levers) = self.levers {
            for (n, m) in levers.entries() {
                all.push((n.to_string(), m));
            }
        }
        all
    }
}

/// The levers when `coverage` is below 1 (docs/model.md, "Levers that close the gap").
fn levers(
    s: &Scenario,
    coverage: f64,
    required_spend_share: Metric,
    win_rate: Metric,
    sql_to_opp: Metric,
    mql_to_sql: Metric,
    deal_size: Metric,
) -> Levers {
    if coverage == 0.0 {
        let none = Metric::undefined(Undefined::NothingFunded);
        return Levers {
            lever_spend_share: none,
            lever_win_rate: none,
            lever_sql_to_opp: none,
            lever_mql_to_sql: none,
            lever_lead_quality_factor: none,
            lever_deal_size: none,
            lever_cost_per_lead_factor: none,
        };
    }
    let at_most_one = |m: Metric| m.only_if(|v| v <= 1.0, Undefined::NotReachable);
    let quality_factor = 1.0 / coverage;
    // Only channels that get budget produce leads, so only their rates limit
    // how far lead quality can rise.
    let best_funded_rate = (0..s.channels.len())
        .filter(|&i| s.channels[i].share > 0.0)
        .map(|i| s.input(Field::Channel(i, ChannelPart::LeadToMql)))
        .fold(Metric::of(0.0), |best, rate| match (best.0, rate.0) {
            (Ok(b), Ok(r)) => Metric::of(b.max(r)),
            (Err(e), _) | (_, Err(e)) => Metric::undefined(e),
        });
    let lever_lead_quality_factor = match best_funded_rate.0 {
        Err(e) => Metric::undefined(e),
        Ok(rate) if rate * quality_factor > 1.0 => Metric::undefined(Undefined::NotReachable),
        Ok(_) => Metric::of(quality_factor),
    };
    Levers {
        lever_spend_share: at_most_one(required_spend_share),
        lever_win_rate: at_most_one(win_rate / coverage),
        lever_sql_to_opp: at_most_one(sql_to_opp / coverage),
        lever_mql_to_sql: at_most_one(mql_to_sql / coverage),
        lever_lead_quality_factor,
        lever_deal_size: deal_size / coverage,
        lever_cost_per_lead_factor: Metric::of(coverage),
    }
}
