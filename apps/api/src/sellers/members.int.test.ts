import { sql } from '../testing/sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.js';

async function newBuyer(api: TestApp, email: string): Promise<{ token: string; id: string }> {
  const response = await api.request('POST', '/api/auth/sign-up', {
    body: { email, fullName: `Thành viên ${email.split('@')[0]}`, password: 'mat-khau-rat-dai-1' },
  });
  expect(response.status).toBe(201);
  return { token: response.body.accessToken, id: response.body.account.id };
}

/** A second, approved organisation whose owner is a fresh account. */
async function rivalOrganisation(api: TestApp): Promise<{ ownerToken: string; organisationId: string }> {
  const owner = await newBuyer(api, 'rival.owner@example.vn');
  const applied = await api.request('POST', '/api/organisations/applications', {
    token: owner.token,
    body: {
      name: 'Công ty TNHH Thạch Đen Tràng Định',
      legalType: 'enterprise',
      isSme: true,
      streetAddress: 'Khu 3',
      communeCode: '06046',
      contactName: 'Nông Văn Đức',
      contactPhone: '0987000111',
    },
  });
  expect(applied.status).toBe(201);
  await api.request('POST', `/api/organisations/${applied.body.id}/approve`, {
    token: await api.tokenFor('province_officer'),
    body: {},
  });
  return { ownerToken: owner.token, organisationId: applied.body.id };
}

describe('organisation members', () => {
  let api: TestApp;
  let owner: string;
  beforeAll(async () => {
    api = await startTestApp();
    owner = await api.tokenFor('seller_member');
  });
  afterAll(() => api.close());

  it('invites a person who accepts, sees the organisation, and loses access at once when removed', async () => {
    const member = await newBuyer(api, 'be.tam@example.vn');
    const invited = await api.request('POST', '/api/organisations/mine/invitations', {
      token: owner,
      body: { login: 'Be.Tam@example.vn' },
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({
      login: 'be.tam@example.vn',
      organisationName: 'Hợp tác xã Nông sản Đông Kinh',
    });

    const duplicate = await api.request('POST', '/api/organisations/mine/invitations', {
      token: owner,
      body: { login: 'be.tam@example.vn' },
    });
    expect(duplicate.status).toBe(409);

    const mine = await api.request('GET', '/api/invitations', { token: member.token });
    expect(mine.body.map((i: { id: string }) => i.id)).toEqual([invited.body.id]);
    const accepted = await api.request('POST', `/api/invitations/${invited.body.id}/accept`, { token: member.token });
    expect(accepted.status).toBe(200);

    const organisation = await api.request('GET', '/api/organisations/mine', { token: member.token });
    expect(organisation.body.name).toBe('Hợp tác xã Nông sản Đông Kinh');
    const members = await api.request('GET', '/api/organisations/mine/members', { token: owner });
    expect(members.body.map((m: { userId: string; isOwner: boolean }) => [m.userId, m.isOwner])).toContainEqual([
      member.id,
      false,
    ]);

    // Only the owner manages members.
    const byMember = await api.request('POST', '/api/organisations/mine/invitations', {
      token: member.token,
      body: { login: 'x@example.vn' },
    });
    expect(byMember.status).toBe(403);
    expect(byMember.body.code).toBe('owner_only');

    expect((await api.request('DELETE', `/api/organisations/mine/members/${member.id}`, { token: owner })).status).toBe(
      204,
    );
    // The same access token no longer opens the seller workspace.
    expect((await api.request('GET', '/api/organisations/mine', { token: member.token })).status).toBe(403);
    expect((await api.request('GET', '/api/auth/me', { token: member.token })).body).toMatchObject({
      role: 'buyer',
      organisationId: null,
    });
  });

  it('does not let anyone accept an invitation addressed to someone else', async () => {
    const invited = await api.request('POST', '/api/organisations/mine/invitations', {
      token: owner,
      body: { login: '0977111222' },
    });
    const stranger = await newBuyer(api, 'stranger@example.vn');
    const response = await api.request('POST', `/api/invitations/${invited.body.id}/accept`, { token: stranger.token });
    expect(response.status).toBe(404);
    expect((await api.request('GET', '/api/auth/me', { token: stranger.token })).body.role).toBe('buyer');
  });

  it('the owner cannot be removed', async () => {
    const me = await api.request('GET', '/api/auth/me', { token: owner });
    const response = await api.request('DELETE', `/api/organisations/mine/members/${me.body.id}`, { token: owner });
    expect(response.status).toBe(409);
  });

  it("refuses every seller route aimed at another organisation's members and invitations, changing nothing", async () => {
    const rival = await rivalOrganisation(api);
    const rivalMember = await newBuyer(api, 'rival.member@example.vn');
    const rivalInvitation = await api.request('POST', '/api/organisations/mine/invitations', {
      token: rival.ownerToken,
      body: { login: 'rival.member@example.vn' },
    });
    await api.request('POST', `/api/invitations/${rivalInvitation.body.id}/accept`, { token: rivalMember.token });
    const pendingInvitation = await api.request('POST', '/api/organisations/mine/invitations', {
      token: rival.ownerToken,
      body: { login: 'someone.else@example.vn' },
    });
    const snapshot = () =>
      sql(
        api,
        `SELECT u.id, u.role, u.organisation_id, i.revoked_at, i.accepted_at
                FROM users u FULL JOIN organisation_invitations i ON i.accepted_by = u.id ORDER BY u.id, i.id`,
      );
    const before = await snapshot();

    const attempts = [
      await api.request('DELETE', `/api/organisations/mine/members/${rivalMember.id}`, { token: owner }),
      await api.request('DELETE', `/api/organisations/mine/invitations/${pendingInvitation.body.id}`, { token: owner }),
      await api.request('POST', `/api/invitations/${pendingInvitation.body.id}/accept`, { token: owner }),
    ];
    for (const attempt of attempts) expect([403, 404]).toContain(attempt.status);

    // Reading: the seller's lists never include the other organisation's people.
    const members = await api.request('GET', '/api/organisations/mine/members', { token: owner });
    expect(members.body.map((m: { userId: string }) => m.userId)).not.toContain(rivalMember.id);
    const invitations = await api.request('GET', '/api/organisations/mine/invitations', { token: owner });
    expect(invitations.body.map((i: { id: string }) => i.id)).not.toContain(pendingInvitation.body.id);
    // Officer routes with the rival's id stay closed to a seller.
    for (const path of [
      `/api/organisations/${rival.organisationId}`,
      `/api/organisations/${rival.organisationId}/status-history`,
    ]) {
      expect((await api.request('GET', path, { token: owner })).status).toBe(403);
    }
    expect(
      (await api.request('PATCH', '/api/organisations/mine', { token: owner, body: { name: 'Đổi tên' } })).body.id,
    ).not.toBe(rival.organisationId);

    expect(await snapshot()).toEqual(before);
  });

  it('answers a malformed id with 400, not a server error', async () => {
    const response = await api.request('DELETE', '/api/organisations/mine/members/not-a-uuid', { token: owner });
    expect(response.status).toBe(400);
  });
});
