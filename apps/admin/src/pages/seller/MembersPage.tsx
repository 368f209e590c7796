import type { Schemas } from '@ocop/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { TableRegion } from '../../components/TableRegion';
import { formatDateTime, formatPhone } from '../../format';
import { useFormErrors } from '../../forms';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import { sellerKeys, useMyOrganisation } from '../../queries';

type Member = Schemas['MemberDto'];
type Invitation = Schemas['InvitationDto'];
type Removal = { kind: 'member'; member: Member } | { kind: 'invitation'; invitation: Invitation };

/** The people who work in the seller workspace. Only the owner may invite or remove them (the API checks). */
export function MembersPage() {
  const { t, tn, language } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  useDocumentTitle(t('members.metaTitle'));
  const organisation = useMyOrganisation();
  const members = useQuery({
    queryKey: sellerKeys.members(account.id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/organisations/mine/members', { signal })),
  });
  const invitations = useQuery({
    queryKey: sellerKeys.invitations(account.id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/organisations/mine/invitations', { signal })),
  });
  const isOwner = organisation.data?.ownerUserId === account.id;

  const [removal, setRemoval] = useState<Removal | null>(null);
  const remove = useMutation({
    mutationFn: (target: Removal) =>
      target.kind === 'member'
        ? unwrap(
            api.DELETE('/api/organisations/mine/members/{userId}', {
              params: { path: { userId: target.member.userId } },
            }),
          )
        : unwrap(
            api.DELETE('/api/organisations/mine/invitations/{id}', { params: { path: { id: target.invitation.id } } }),
          ),
    onSuccess: (_result, target) => {
      setRemoval(null);
      void client.invalidateQueries({
        queryKey: target.kind === 'member' ? sellerKeys.members(account.id) : sellerKeys.invitations(account.id),
      });
    },
  });

  const none = <span className="muted">{t('common.none')}</span>;
  return (
    <>
      <PageHead title={t('members.title')} intro={t('members.intro')} />
      {!isOwner && organisation.data ? <p className="notice">{t('members.ownerOnly')}</p> : null}

      <section className="card" aria-labelledby="members-title">
        <h2 id="members-title">{t('members.members')}</h2>
        {members.isPending ? (
          <PageStatus>{t('common.loading')}</PageStatus>
        ) : members.isError ? (
          <ErrorPanel title={t('members.error')} error={members.error} onRetry={() => void members.refetch()} />
        ) : (
          <>
            <p className="result-status">{tn('members.count', members.data.length)}</p>
            <TableRegion labelledBy="members-title">
              <table className="table" data-testid="members-table">
                <thead>
                  <tr>
                    <th scope="col">{t('members.name')}</th>
                    <th scope="col">{t('members.email')}</th>
                    <th scope="col">{t('members.phone')}</th>
                    <th scope="col">{t('members.role')}</th>
                    {isOwner ? (
                      <th scope="col">
                        <span className="visually-hidden">{t('members.actions')}</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {members.data.map((member) => (
                    <tr key={member.userId}>
                      <th scope="row">
                        {member.fullName}
                        {member.userId === account.id ? <span className="cell-note">{t('members.you')}</span> : null}
                      </th>
                      <td>{member.email ?? none}</td>
                      <td>{member.phone ? formatPhone(member.phone) : none}</td>
                      <td>{member.isOwner ? t('members.owner') : t('members.member')}</td>
                      {isOwner ? (
                        <td>
                          {member.isOwner ? null : (
                            <button
                              type="button"
                              className="button button-danger-outline button-small"
                              onClick={() => {
                                remove.reset();
                                setRemoval({ kind: 'member', member });
                              }}
                            >
                              {t('members.remove')}
                              <span className="visually-hidden"> {member.fullName}</span>
                            </button>
                          )}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="invitations-title">
        <h2 id="invitations-title">{t('members.invitations')}</h2>
        {isOwner ? <InviteForm /> : null}
        {invitations.isPending ? (
          <PageStatus>{t('common.loading')}</PageStatus>
        ) : invitations.isError ? (
          <ErrorPanel
            title={t('members.invitationsError')}
            error={invitations.error}
            onRetry={() => void invitations.refetch()}
          />
        ) : invitations.data.length === 0 ? (
          <p className="muted">{t('members.noInvitations')}</p>
        ) : (
          <ul className="plain-list invitation-list" data-testid="invitations">
            {invitations.data.map((invitation) => (
              <li key={invitation.id} className="invitation-row">
                <div>
                  <p className="panel-title">{invitation.login}</p>
                  <p className="muted small">
                    {t('members.invitedAt', { time: formatDateTime(language, invitation.createdAt) })} ·{' '}
                    {t('members.expiresAt', { time: formatDateTime(language, invitation.expiresAt) })}
                  </p>
                </div>
                {isOwner ? (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => {
                      remove.reset();
                      setRemoval({ kind: 'invitation', invitation });
                    }}
                  >
                    {t('members.revoke')}
                    <span className="visually-hidden"> {invitation.login}</span>
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <ConfirmDialog
        open={removal !== null}
        title={
          removal?.kind === 'invitation'
            ? t('members.revokeTitle', { login: removal.invitation.login })
            : t('members.removeTitle', { name: removal?.kind === 'member' ? removal.member.fullName : '' })
        }
        confirmLabel={removal?.kind === 'invitation' ? t('members.revoke') : t('members.remove')}
        busy={remove.isPending}
        failure={remove.error}
        onConfirm={() => removal && remove.mutate(removal)}
        onCancel={() => setRemoval(null)}
      >
        <p>{removal?.kind === 'invitation' ? t('members.revokeBody') : t('members.removeBody')}</p>
      </ConfirmDialog>
    </>
  );
}

function InviteForm() {
  const { t } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  const [login, setLogin] = useState('');
  const { attachForm, ...errors } = useFormErrors('invite');
  const invite = useMutation({
    mutationFn: (value: string) => unwrap(api.POST('/api/organisations/mine/invitations', { body: { login: value } })),
    onSuccess: () => {
      setLogin('');
      void client.invalidateQueries({ queryKey: sellerKeys.invitations(account.id) });
    },
    onError: errors.report,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (invite.isPending) return;
    errors.reset();
    if (errors.reportLocal(login.trim() ? {} : { login: 'members.loginRequired' })) invite.mutate(login.trim());
  };
  return (
    <form ref={attachForm} className="form inline-form" noValidate onSubmit={submit} aria-busy={invite.isPending}>
      <FormError failure={errors.failure} title={t('members.inviteFailed')} />
      <Field
        label={t('members.inviteLogin')}
        hint={t('members.inviteHint')}
        error={errors.fields.login ? t(errors.fields.login) : undefined}
      >
        {(control) => (
          <input
            {...control}
            name="login"
            inputMode="email"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={login}
            onChange={(event) => {
              setLogin(event.target.value);
              errors.clear('login');
              invite.reset();
            }}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={invite.isPending}>
          {invite.isPending ? t('members.inviting') : t('members.invite')}
        </button>
        {invite.isSuccess ? (
          <p className="notice notice-success inline-notice" role="status">
            {t('members.invited', { login: invite.data.login })}
          </p>
        ) : null}
      </div>
    </form>
  );
}
